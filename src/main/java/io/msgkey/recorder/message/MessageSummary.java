package io.msgkey.recorder.message;

import java.time.Instant;

/**
 * One message in search results: enough to identify it, judge it and recall it. {@code msgTimeEstimated}: the time is
 * a stand-in until Tencent's own MsgTime is recorded (a recall echo's time, a batch import's time).
 */
public record MessageSummary(long id, String from, String to, String msgKey, Long msgSeq, Long msgRandom,
        Instant msgTime, boolean msgTimeEstimated, boolean delivered, Instant recalledAt, String recallSource,
        MessageSource source) {

    public static MessageSummary of(Message message) {
        return new MessageSummary(message.id, message.from, message.to, message.msgKey, message.msgSeq,
                message.msgRandom, message.msgTime, message.msgTimeEstimated, message.delivered, message.recalledAt,
                message.recallSource, MessageSource.of(message.source));
    }
}
