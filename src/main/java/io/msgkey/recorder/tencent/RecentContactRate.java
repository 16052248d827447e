package io.msgkey.recorder.tencent;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** The v4/recentcontact/get_list rate, tencent.api.recent-contact-rate-per-second, for the limiter. */
class RecentContactRate {

    @Produces
    @Singleton
    CommandRate recentContactRate(TencentConfig config) {
        return new CommandRate(RateLimitedCommand.RECENTCONTACT_GET_LIST, config.api().recentContactRatePerSecond());
    }
}
