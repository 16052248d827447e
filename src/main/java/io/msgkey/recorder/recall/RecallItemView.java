package io.msgkey.recorder.recall;

import java.time.Instant;

/** One message of a job and what happened to it. */
public record RecallItemView(long id, long messageId, String from, String to, String msgKey, Instant msgTime,
        ItemOutcome outcome, int attempts, Integer lastErrorCode, String lastErrorInfo, Instant lastAttemptAt,
        Instant finishedAt, Instant confirmedAt) {

    static RecallItemView of(RecallItem item) {
        return new RecallItemView(item.id, item.messageId, item.from, item.to, item.msgKey, item.msgTime, item.outcome,
                item.attempts, item.lastErrorCode, item.lastErrorInfo, item.lastAttemptAt, item.finishedAt,
                item.confirmedAt);
    }
}
