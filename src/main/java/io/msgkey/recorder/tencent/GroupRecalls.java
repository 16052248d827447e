package io.msgkey.recorder.tencent;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.msgkey.recorder.tencent.TencentAdminApi.GroupRecallRequest;

/**
 * Recalls up to ten messages of one group (and topic) with group_msg_recall, under its own rate limit. The call as a
 * whole is retried like any other (rate limits, transient errors); its answer holds a RetCode per MsgSeq, each classified
 * like a one-to-one ErrorCode, and the messages whose RetCode is transient are sent again, alone, with the same backoff
 * and retry budget. Never throws: every way it ends is an outcome.
 */
@ApplicationScoped
public class GroupRecalls {

    private static final Map<Integer, String> RET_CODES = Map.of(
            10030, "the message to recall does not exist",
            10031, "the recall time limit is exceeded",
            10032, "this message does not support recall",
            10033, "the group type does not support recall",
            10041, "the app is configured not to allow group recall (Tencent console)");

    private final TencentAdminClient client;
    private final int maxRetries;
    private final long initialDelayMillis;
    private final long maxDelayMillis;

    GroupRecalls(TencentAdminClient client, TencentConfig config) {
        this.client = client;
        this.maxRetries = config.retry().maxRetries();
        this.initialDelayMillis = Math.max(1, config.retry().initialDelay().toMillis());
        this.maxDelayMillis = config.retry().maxDelay().toMillis();
    }

    /** Recalls the messages, 1 to 10 MsgSeq of the group and topic ({@code ""} or null outside topics). */
    public GroupRecallOutcome recall(String groupId, String topicId, List<Long> msgSeqs, String reason) {
        Map<Long, WithdrawOutcome> bySeq = new LinkedHashMap<>();
        Map<Long, Integer> attemptsBySeq = new LinkedHashMap<>();
        List<Long> remaining = List.copyOf(msgSeqs);
        WithdrawOutcome call = null;
        long delay = initialDelayMillis;
        for (int round = 0; !remaining.isEmpty(); round++) {
            if (round > 0 && !sleep(delay)) {
                break;
            }
            delay = Math.min(delay * 2, maxDelayMillis);
            TencentAdminClient.Attempts attempts = new TencentAdminClient.Attempts();
            GroupRecallRequest body = GroupRecallRequest.of(groupId, topicId, remaining, reason);
            List<Long> sent = remaining;
            remaining = new ArrayList<>();
            try {
                TencentReply reply = client.groupMsgRecall(body, attempts);
                sent.forEach(seq -> attemptsBySeq.merge(seq, attempts.made, Integer::sum));
                call = call == null ? WithdrawOutcome.recalled(attempts.made, attempts.answerLost) : call;
                Map<Long, Integer> codes = new LinkedHashMap<>();
                if (reply.recallRetList() != null) {
                    reply.recallRetList().forEach(ret -> codes.put(ret.msgSeq(), ret.retCode()));
                }
                for (long seq : sent) {
                    boolean lost = attempts.answerLost || bySeq.containsKey(seq) && bySeq.get(seq).answerLost();
                    WithdrawOutcome outcome = perSeq(codes.get(seq), attemptsBySeq.get(seq), lost);
                    bySeq.put(seq, outcome);
                    boolean transientCode = outcome.result() == WithdrawOutcome.Result.TRANSIENT
                            || outcome.result() == WithdrawOutcome.Result.RATE_LIMITED;
                    if (transientCode && codes.containsKey(seq) && round < maxRetries) {
                        remaining.add(seq);
                    }
                }
            } catch (TencentFailure failure) {
                sent.forEach(seq -> attemptsBySeq.merge(seq, attempts.made, Integer::sum));
                if (call == null) {
                    return new GroupRecallOutcome(WithdrawOutcome.of(failure, attempts.made, attempts.answerLost),
                            Map.of());
                }
                // a retry of transient RetCodes failed as a whole: those messages end with its failure
                for (long seq : sent) {
                    bySeq.put(seq, WithdrawOutcome.of(failure, attemptsBySeq.get(seq), attempts.answerLost
                            || bySeq.get(seq).answerLost()));
                }
            }
        }
        return new GroupRecallOutcome(call, bySeq);
    }

    private static WithdrawOutcome perSeq(Integer retCode, int attempts, boolean answerLost) {
        if (retCode == null) {
            return WithdrawOutcome.of(new TencentFailure(TencentError.UNKNOWN, null,
                    "group_msg_recall answered without a RetCode for this MsgSeq"), attempts, answerLost);
        }
        if (retCode == 0) {
            return WithdrawOutcome.recalled(attempts, answerLost);
        }
        String meaning = RET_CODES.getOrDefault(retCode, "unknown RetCode");
        return WithdrawOutcome.of(new TencentFailure(TencentError.of(retCode), retCode,
                "group_msg_recall RetCode " + retCode + ": " + meaning), attempts, answerLost);
    }

    private static boolean sleep(long millis) {
        try {
            Thread.sleep(millis);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
