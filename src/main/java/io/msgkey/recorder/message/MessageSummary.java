package io.msgkey.recorder.message;

import java.time.Instant;

/** One message in search results: enough to identify it, judge it and recall it. */
public record MessageSummary(long id, String from, String to, String msgKey, Long msgSeq, Long msgRandom,
        Instant msgTime, boolean delivered, Instant recalledAt, String recallSource) {

    static MessageSummary of(Message message) {
        return new MessageSummary(message.id, message.from, message.to, message.msgKey, message.msgSeq,
                message.msgRandom, message.msgTime, message.delivered, message.recalledAt, message.recallSource);
    }
}
