package io.msgkey.recorder.webhook;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;

import io.msgkey.recorder.common.ForeignText;
import io.msgkey.recorder.ingest.MessageRecord;
import io.msgkey.recorder.message.MessageKey;

/**
 * Turns a recorded callback into the {@link MessageRecord}s it reports, refusing it when a field the records need is
 * unusable. A group recall echo reports several messages; every other callback one.
 */
@ApplicationScoped
class CallbackParser {

    private static final int MAX_METADATA_LENGTH = 64;

    private final Clock clock;
    private final GroupCallbackParser groups;

    CallbackParser(Clock clock, GroupCallbackParser groups) {
        this.clock = clock;
        this.groups = groups;
    }

    List<MessageRecord> parse(CallbackCommand command, JsonNode body, long sdkAppId, String clientIp, String platform) {
        CallbackPayload payload = new CallbackPayload(body);
        if (command.isGroup()) {
            return groups.parse(command, payload, sdkAppId, clientIp, platform);
        }
        MessageKey key = new MessageKey(sdkAppId, payload.requiredText("From_Account"),
                payload.requiredText("To_Account"), payload.requiredText("MsgKey"));
        Instant receivedAt = clock.instant();
        if (command == CallbackCommand.AFTER_WITHDRAW) {
            return List.of(MessageRecord.recallEcho(key, payload.eventTime().orElse(receivedAt), receivedAt));
        }
        long msgSeq = payload.requiredUint32("MsgSeq");
        long msgRandom = payload.requiredUint32("MsgRandom");
        Instant msgTime = payload.requiredSeconds("MsgTime");
        boolean onlineOnly = payload.optionalLong("OnlineOnlyFlag").map(flag -> flag == 1).orElse(false);
        MessageRecord.Sent sent = new MessageRecord.Sent(msgSeq, msgRandom, msgTime, onlineOnly, metadata(clientIp),
                metadata(platform));
        return List.of(command == CallbackCommand.BEFORE_SEND ? MessageRecord.beforeSend(key, sent, receivedAt)
                : MessageRecord.afterSend(key, sent, payload.requiredInt("SendMsgResult"), receivedAt));
    }

    /**
     * ClientIP and OptPlatform come from the query string and only describe the message: a value that is not a short
     * string of visible characters is dropped rather than letting it refuse, or poison, the record.
     */
    static String metadata(String value) {
        if (value == null || value.isEmpty() || value.length() > MAX_METADATA_LENGTH
                || ForeignText.firstUnsafe(value).isPresent()) {
            return null;
        }
        return value;
    }
}
