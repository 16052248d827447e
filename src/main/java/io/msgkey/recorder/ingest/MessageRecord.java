package io.msgkey.recorder.ingest;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import io.msgkey.recorder.message.GroupMessageKey;
import io.msgkey.recorder.message.MessageKey;
import io.msgkey.recorder.message.MessageSource;

/**
 * What one source says about one message: a callback, an imported sendmsg/batchsendmsg exchange, or a page of
 * Tencent's roaming history. Group messages are records of a group kind ({@link Kind#isGroup()}): they name the
 * group, topic and MsgSeq instead of a recipient and MsgKey, and go to the {@code group_message} table. Several records for the
 * same message (before, after, recall echo, import, sync,
 * duplicate deliveries) merge into one row; every field a kind does not carry is null. This is also the line format
 * of the spool, so fields may be added but never renamed, and unknown ones are ignored: after a rollback, an older
 * version replays what a newer one spooled (except records of a kind it does not know, which it skips as damaged).
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
        Instant receivedAt,
        String groupId,
        String topicId,
        String operator,
        String groupType) {

    /** The OptPlatform Tencent's callbacks give messages sent through the REST API. */
    private static final String REST_API_PLATFORM = "RESTAPI";

    public enum Kind {
        BEFORE_SEND(MessageSource.CALLBACK),
        AFTER_SEND(MessageSource.CALLBACK),
        RECALL(MessageSource.CALLBACK),
        /** A sendmsg or batchsendmsg exchange forwarded by the app's server. */
        IMPORT(MessageSource.IMPORT),
        /** A message of Tencent's roaming history (admin_getroammsg). */
        ROAM(MessageSource.TENCENT_SYNC),
        /** Group.CallbackAfterSendMsg. */
        GROUP_AFTER_SEND(MessageSource.CALLBACK),
        /** One MsgSeq of Group.CallbackAfterRecallMsg; {@code operator} is who recalled it. */
        GROUP_RECALL(MessageSource.CALLBACK);

        private final MessageSource source;

        Kind(MessageSource source) {
            this.source = source;
        }

        public MessageSource source() {
            return source;
        }

        public boolean isGroup() {
            return this == GROUP_AFTER_SEND || this == GROUP_RECALL;
        }
    }

    /** What Group.CallbackAfterSendMsg says about the message besides its key. */
    public record GroupSent(String from, String operator, Long msgRandom, Instant msgTime, boolean onlineOnly,
            String groupType, String clientIp, String platform) {
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
                null, null, null, null, recalledAt, receivedAt, null, null, null, null);
    }

    /**
     * A message the app's server sent through the REST API, as Tencent's reply identified it. {@code msgTime} is null
     * when the reply carried none (batchsendmsg): the row then holds the time of the import until a record with the
     * real MsgTime arrives. The send result is left unknown, so that a later after-callback reporting a failure
     * still counts.
     */
    public static MessageRecord imported(MessageKey key, Long msgSeq, Long msgRandom, Instant msgTime,
            Instant receivedAt) {
        return new MessageRecord(Kind.IMPORT, key.sdkAppId(), key.from(), key.to(), key.msgKey(), msgSeq, msgRandom,
                msgTime, null, null, REST_API_PLATFORM, null, null, receivedAt, null, null, null, null);
    }

    /**
     * A message as Tencent's roaming history lists it. {@code recalledAt} is when the sync learnt it was recalled
     * (MsgFlagBits 8), null otherwise: Tencent does not say when.
     */
    public static MessageRecord roamed(MessageKey key, long msgSeq, long msgRandom, Instant msgTime,
            Instant recalledAt, Instant fetchedAt) {
        return new MessageRecord(Kind.ROAM, key.sdkAppId(), key.from(), key.to(), key.msgKey(), msgSeq, msgRandom,
                msgTime, null, null, null, null, recalledAt, fetchedAt, null, null, null, null);
    }

    public static MessageRecord groupAfterSend(GroupMessageKey key, GroupSent sent, Instant receivedAt) {
        return new MessageRecord(Kind.GROUP_AFTER_SEND, key.sdkAppId(), sent.from(), null, null, key.msgSeq(),
                sent.msgRandom(), sent.msgTime(), sent.onlineOnly(), sent.clientIp(), sent.platform(), null, null,
                receivedAt, key.groupId(), key.topicId(), sent.operator(), sent.groupType());
    }

    /**
     * One message of Group.CallbackAfterRecallMsg. The echo names no sender, and its ClientIP and OptPlatform are the
     * recaller's, so they are not kept.
     */
    public static MessageRecord groupRecallEcho(GroupMessageKey key, String recalledBy, String groupType,
            Instant recalledAt, Instant receivedAt) {
        return new MessageRecord(Kind.GROUP_RECALL, key.sdkAppId(), null, null, null, key.msgSeq(), null, null, null,
                null, null, null, recalledAt, receivedAt, key.groupId(), key.topicId(), recalledBy, groupType);
    }

    private static MessageRecord sent(Kind kind, MessageKey key, Sent sent, Integer sendResult, Instant receivedAt) {
        return new MessageRecord(kind, key.sdkAppId(), key.from(), key.to(), key.msgKey(), sent.msgSeq(),
                sent.msgRandom(), sent.msgTime(), sent.onlineOnly(), sent.clientIp(), sent.platform(), sendResult,
                null, receivedAt, null, null, null, null);
    }

    public MessageKey key() {
        return new MessageKey(sdkAppId, from, to, msgKey);
    }

    /** The key of a record of a group kind. */
    public GroupMessageKey groupKey() {
        return new GroupMessageKey(sdkAppId, groupId, topicId, msgSeq);
    }
}
