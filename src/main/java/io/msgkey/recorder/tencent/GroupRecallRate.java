package io.msgkey.recorder.tencent;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** The group_msg_recall rate, tencent.api.group-recall-rate-per-second, for the limiter. */
class GroupRecallRate {

    @Produces
    @Singleton
    CommandRate groupRecallRate(TencentConfig config) {
        return new CommandRate(RateLimitedCommand.GROUP_MSG_RECALL, config.api().groupRecallRatePerSecond());
    }
}
