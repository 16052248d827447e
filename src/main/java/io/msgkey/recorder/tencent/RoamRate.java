package io.msgkey.recorder.tencent;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** The admin_getroammsg rate, tencent.api.roam-rate-per-second, for the limiter. */
class RoamRate {

    @Produces
    @Singleton
    CommandRate roamRate(TencentConfig config) {
        return new CommandRate(RateLimitedCommand.ADMIN_GETROAMMSG, config.api().roamRatePerSecond());
    }
}
