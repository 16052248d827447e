package io.msgkey.recorder.recall;

import java.time.Instant;

import io.msgkey.recorder.message.Chat;

/**
 * One message of a job and what happened to it. A one-to-one item names its message by {@code from}, {@code to} and
 * {@code msgKey}; a group item by {@code groupId}, {@code topicId} (null outside topics) and {@code msgSeq}, with
 * {@code from} its sender (null when only its recall echo was recorded).
 */
public record RecallItemView(long id, long messageId, Chat chat, String from, String to, String msgKey,
        String groupId, String topicId, Long msgSeq, Instant msgTime, ItemOutcome outcome, int attempts,
        Integer lastErrorCode, String lastErrorInfo, Instant lastAttemptAt, Instant finishedAt, Instant confirmedAt) {

    static RecallItemView of(RecallItem item) {
        boolean group = RecallItemRepository.GROUP.equals(item.chat);
        return new RecallItemView(item.id, item.messageId, group ? Chat.GROUP : Chat.C2C, item.from, item.to,
                item.msgKey, item.groupId, item.topicId == null || item.topicId.isEmpty() ? null : item.topicId,
                item.msgSeq, item.msgTime, item.outcome, item.attempts, item.lastErrorCode, item.lastErrorInfo,
                item.lastAttemptAt, item.finishedAt, item.confirmedAt);
    }
}
