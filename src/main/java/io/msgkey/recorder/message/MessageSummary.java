package io.msgkey.recorder.message;

import java.time.Instant;

/**
 * One message in search results: enough to identify it, judge it and recall it. {@code msgTimeEstimated}: the time is
 * a stand-in until Tencent's own MsgTime is recorded (a recall echo's time, a batch import's time). A group message
 * has {@code groupId}, {@code topicId} (null outside community topics) and no {@code to} or {@code msgKey}; its
 * {@code from} is null while only its recall echo is known.
 */
public record MessageSummary(long id, Chat chat, String from, String to, String msgKey, String groupId,
        String topicId, Long msgSeq, Long msgRandom, Instant msgTime, boolean msgTimeEstimated, boolean delivered,
        Instant recalledAt, String recallSource, MessageSource source) {

    public static MessageSummary of(Message message) {
        return new MessageSummary(message.id, Chat.C2C, message.from, message.to, message.msgKey, null, null,
                message.msgSeq, message.msgRandom, message.msgTime, message.msgTimeEstimated, message.delivered,
                message.recalledAt, message.recallSource, MessageSource.of(message.source));
    }

    /** Tencent reports only group messages it delivered. */
    static MessageSummary of(GroupMessage message) {
        return new MessageSummary(message.id, Chat.GROUP, message.from, null, null, message.groupId,
                message.topicId.isEmpty() ? null : message.topicId, message.msgSeq, message.msgRandom,
                message.msgTime, message.msgTimeEstimated, true, message.recalledAt, message.recallSource,
                MessageSource.of(message.source));
    }
}
