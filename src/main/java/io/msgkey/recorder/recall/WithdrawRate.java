package io.msgkey.recorder.recall;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.msgkey.recorder.tencent.CommandRate;
import io.msgkey.recorder.tencent.RateLimitedCommand;

/** recall.rate-per-second is the admin_msgwithdraw rate the shared limiter enforces. */
class WithdrawRate {

    @Produces
    @Singleton
    CommandRate withdrawRate(RecallConfig config) {
        return new CommandRate(RateLimitedCommand.ADMIN_MSGWITHDRAW, config.ratePerSecond());
    }
}
