package io.msgkey.recorder.webhook;

import java.time.Clock;
import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;

import io.msgkey.recorder.ingest.MessageRecord;
import io.msgkey.recorder.ingest.MessageRecord.Kind;

/** Turns a recorded callback into a {@link MessageRecord}, refusing it when a field the record needs is unusable. */
@ApplicationScoped
class CallbackParser {

    private final Clock clock;

    CallbackParser(Clock clock) {
        this.clock = clock;
    }

    MessageRecord parse(CallbackCommand command, JsonNode body, long sdkAppId, String clientIp, String platform) {
        CallbackPayload payload = new CallbackPayload(body);
        String from = payload.requiredText("From_Account");
        String to = payload.requiredText("To_Account");
        String msgKey = payload.requiredText("MsgKey");
        Instant receivedAt = clock.instant();
        if (command == CallbackCommand.AFTER_WITHDRAW) {
            Instant recalledAt = payload.optionalLong("EventTime").map(Instant::ofEpochMilli).orElse(receivedAt);
            // The echo's ClientIP and OptPlatform are the recaller's, not the sender's, so they are not kept.
            return new MessageRecord(Kind.RECALL, sdkAppId, from, to, msgKey, null, null, null, null, null, null, null,
                    recalledAt, receivedAt);
        }
        long msgSeq = payload.requiredUint32("MsgSeq");
        long msgRandom = payload.requiredUint32("MsgRandom");
        long msgTime = payload.requiredLong("MsgTime");
        if (msgTime <= 0) {
            throw CallbackRejected.badRequest("MsgTime must be positive Unix seconds");
        }
        boolean onlineOnly = payload.optionalLong("OnlineOnlyFlag").map(flag -> flag == 1).orElse(false);
        Kind kind = command == CallbackCommand.BEFORE_SEND ? Kind.BEFORE_SEND : Kind.AFTER_SEND;
        Integer sendResult = kind == Kind.AFTER_SEND ? payload.requiredInt("SendMsgResult") : null;
        return new MessageRecord(kind, sdkAppId, from, to, msgKey, msgSeq, msgRandom, Instant.ofEpochSecond(msgTime),
                onlineOnly, clientIp, platform, sendResult, null, receivedAt);
    }
}
