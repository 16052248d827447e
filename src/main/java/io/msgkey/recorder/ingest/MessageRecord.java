package io.msgkey.recorder.ingest;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import io.msgkey.recorder.message.MessageKey;

/**
 * What one callback says about one message. Several records for the same message (before, after, recall echo,
 * duplicate deliveries) merge into one row; every field a kind does not carry is null. This is also the line format
 * of the spool, so fields may be added but never renamed, and unknown ones are ignored: after a rollback, an older
 * version replays what a newer one spooled.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record MessageRecord(
        Kind kind,
        long sdkAppId,
        String from,
        String to,
        String msgKey,
        Long msgSeq,
        Long msgRandom,
        Instant msgTime,
        Boolean onlineOnly,
        String clientIp,
        String platform,
        Integer sendResult,
        Instant recalledAt,
        Instant receivedAt) {

    public enum Kind {
        BEFORE_SEND,
        AFTER_SEND,
        RECALL
    }

    /** What both send callbacks say about the message. */
    public record Sent(long msgSeq, long msgRandom, Instant msgTime, boolean onlineOnly, String clientIp,
            String platform) {
    }

    public static MessageRecord beforeSend(MessageKey key, Sent sent, Instant receivedAt) {
        return sent(Kind.BEFORE_SEND, key, sent, null, receivedAt);
    }

    public static MessageRecord afterSend(MessageKey key, Sent sent, int sendResult, Instant receivedAt) {
        return sent(Kind.AFTER_SEND, key, sent, sendResult, receivedAt);
    }

    /** C2C.CallbackAfterMsgWithDraw: the echo's ClientIP and OptPlatform are the recaller's, so they are not kept. */
    public static MessageRecord recallEcho(MessageKey key, Instant recalledAt, Instant receivedAt) {
        return new MessageRecord(Kind.RECALL, key.sdkAppId(), key.from(), key.to(), key.msgKey(), null, null, null,
                null, null, null, null, recalledAt, receivedAt);
    }

    private static MessageRecord sent(Kind kind, MessageKey key, Sent sent, Integer sendResult, Instant receivedAt) {
        return new MessageRecord(kind, key.sdkAppId(), key.from(), key.to(), key.msgKey(), sent.msgSeq(),
                sent.msgRandom(), sent.msgTime(), sent.onlineOnly(), sent.clientIp(), sent.platform(), sendResult,
                null, receivedAt);
    }

    public MessageKey key() {
        return new MessageKey(sdkAppId, from, to, msgKey);
    }
}
