package io.msgkey.recorder.tencent;

import java.util.Map;

/**
 * How one group_msg_recall of up to ten messages ended. {@code call} is the call's own outcome: {@code RECALLED} once
 * Tencent answered it (each message's outcome is then in {@code bySeq}), otherwise the failure every message of the
 * call shares. A message whose RetCode was transient was sent again in a call of its own retries; its attempts and
 * lost answers are its own.
 */
public record GroupRecallOutcome(WithdrawOutcome call, Map<Long, WithdrawOutcome> bySeq) {

    /** What became of one message of the call. */
    public WithdrawOutcome of(long msgSeq) {
        return bySeq.getOrDefault(msgSeq, call);
    }
}
