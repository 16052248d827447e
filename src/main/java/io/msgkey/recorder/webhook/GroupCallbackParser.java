package io.msgkey.recorder.webhook;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import io.msgkey.recorder.ingest.MessageRecord;
import io.msgkey.recorder.message.GroupMessageKey;

/**
 * Group.CallbackAfterSendMsg and Group.CallbackAfterRecallMsg as records. A group message is keyed by GroupId, TopicId
 * (community topics only) and the MsgSeq Tencent assigned it; {@code Type} is kept as the opaque string it is.
 */
@ApplicationScoped
class GroupCallbackParser {

    private final Clock clock;

    GroupCallbackParser(Clock clock) {
        this.clock = clock;
    }

    List<MessageRecord> parse(CallbackCommand command, CallbackPayload payload, long sdkAppId, String clientIp,
            String platform) {
        String groupId = payload.requiredText("GroupId");
        String topicId = payload.optionalText("TopicId").orElse("");
        String groupType = payload.optionalText("Type").orElse(null);
        String operator = payload.optionalText("Operator_Account").orElse(null);
        Instant receivedAt = clock.instant();
        return switch (command) {
            case GROUP_AFTER_SEND -> {
                GroupMessageKey key = new GroupMessageKey(sdkAppId, groupId, topicId, payload.requiredPositive("MsgSeq"));
                MessageRecord.GroupSent sent = new MessageRecord.GroupSent(payload.requiredText("From_Account"),
                        operator, payload.optionalUint32("Random").orElse(null), payload.requiredSeconds("MsgTime"),
                        payload.optionalLong("OnlineOnlyFlag").map(flag -> flag == 1).orElse(false), groupType,
                        CallbackParser.metadata(clientIp), CallbackParser.metadata(platform));
                yield List.of(MessageRecord.groupAfterSend(key, sent, receivedAt));
            }
            case GROUP_AFTER_RECALL -> {
                Instant recalledAt = payload.eventTime().orElse(receivedAt);
                // every element is checked before anything is recorded: a bad one refuses the whole callback
                Set<Long> seqs = new LinkedHashSet<>();
                payload.requiredObjects("MsgSeqList").forEach(element -> seqs.add(element.requiredPositive("MsgSeq")));
                yield seqs.stream().map(seq -> MessageRecord.groupRecallEcho(
                        new GroupMessageKey(sdkAppId, groupId, topicId, seq), operator, groupType, recalledAt,
                        receivedAt)).toList();
            }
            default -> throw new IllegalArgumentException(command + " records nothing");
        };
    }
}
