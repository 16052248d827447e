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

    public MessageKey key() {
        return new MessageKey(sdkAppId, from, to, msgKey);
    }
}
