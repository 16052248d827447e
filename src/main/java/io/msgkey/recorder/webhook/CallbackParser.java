package io.msgkey.recorder.webhook;

import java.time.Clock;
import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;

import io.msgkey.recorder.ingest.IdentityText;
import io.msgkey.recorder.ingest.MessageRecord;
import io.msgkey.recorder.message.MessageKey;

/** Turns a recorded callback into a {@link MessageRecord}, refusing it when a field the record needs is unusable. */
@ApplicationScoped
class CallbackParser {

    /** 2100-01-01: beyond it a time is a sender's mistake, and PostgreSQL would refuse years past 9999 anyway. */
    private static final long LATEST_SECOND = 4_102_444_800L;
    private static final int MAX_METADATA_LENGTH = 64;

    private final Clock clock;

    CallbackParser(Clock clock) {
        this.clock = clock;
    }

    MessageRecord parse(CallbackCommand command, JsonNode body, long sdkAppId, String clientIp, String platform) {
        CallbackPayload payload = new CallbackPayload(body);
        MessageKey key = new MessageKey(sdkAppId, payload.requiredText("From_Account"),
                payload.requiredText("To_Account"), payload.requiredText("MsgKey"));
        Instant receivedAt = clock.instant();
        if (command == CallbackCommand.AFTER_WITHDRAW) {
            Instant recalledAt = payload.optionalLong("EventTime")
                    .filter(millis -> millis > 0 && millis / 1000 < LATEST_SECOND).map(Instant::ofEpochMilli)
                    .orElse(receivedAt);
            return MessageRecord.recallEcho(key, recalledAt, receivedAt);
        }
        long msgSeq = payload.requiredUint32("MsgSeq");
        long msgRandom = payload.requiredUint32("MsgRandom");
        long msgTime = payload.requiredLong("MsgTime");
        if (msgTime <= 0 || msgTime >= LATEST_SECOND) {
            throw CallbackRejected.badRequest("MsgTime must be Unix seconds between 1970 and 2100");
        }
        boolean onlineOnly = payload.optionalLong("OnlineOnlyFlag").map(flag -> flag == 1).orElse(false);
        MessageRecord.Sent sent = new MessageRecord.Sent(msgSeq, msgRandom, Instant.ofEpochSecond(msgTime), onlineOnly,
                metadata(clientIp), metadata(platform));
        return command == CallbackCommand.BEFORE_SEND ? MessageRecord.beforeSend(key, sent, receivedAt)
                : MessageRecord.afterSend(key, sent, payload.requiredInt("SendMsgResult"), receivedAt);
    }

    /**
     * ClientIP and OptPlatform come from the query string and only describe the message: a value that is not a short
     * printable string is dropped rather than letting it refuse, or poison, the record.
     */
    private static String metadata(String value) {
        if (value == null || value.isEmpty() || value.length() > MAX_METADATA_LENGTH
                || value.chars().anyMatch(Character::isISOControl) || !IdentityText.wellFormed(value)) {
            return null;
        }
        return value;
    }
}
