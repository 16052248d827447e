package io.msgkey.recorder.imports;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;

import io.msgkey.recorder.common.ApiException;
import io.msgkey.recorder.ingest.MessageRecord;
import io.msgkey.recorder.message.MessageKey;
import io.msgkey.recorder.tencent.TencentConfig;

/**
 * Reads an import body: one exchange {@code {"api", "request", "response"}}, or {@code {"exchanges": [...]}}. Our own
 * objects (the body, each exchange) are read strictly; {@code request} and {@code response} are Tencent's objects,
 * forwarded as they are, so only the fields that identify a message are read and everything else (MsgBody
 * included) is ignored and never kept. Any refusal is a 400 naming the field, and nothing of the body is recorded.
 */
@ApplicationScoped
class ExchangeReader {

    static final int MAX_EXCHANGES = 1000;
    /** 2100-01-01: beyond it a time is a mistake, and PostgreSQL would refuse years past 9999 anyway. */
    private static final long LATEST_SECOND = 4_102_444_800L;
    private static final Set<String> BATCH_FIELDS = Set.of("exchanges");
    private static final Set<String> EXCHANGE_FIELDS = Set.of("api", "request", "response");
    private static final String BATCH_SHAPE = "the body is one exchange {\"api\", \"request\", \"response\"} or "
            + "{\"exchanges\": [up to " + MAX_EXCHANGES + " of them]}";
    private static final String EXCHANGE_SHAPE = "an exchange has api, request and response";
    /** batchsendmsg's ErrorList code for a recipient that does not exist. */
    private static final long NO_SUCH_ACCOUNT = 70107;

    private final long sdkAppId;
    private final String adminIdentifier;
    private final Clock clock;

    ExchangeReader(TencentConfig config, Clock clock) {
        this.sdkAppId = config.sdkAppId();
        this.adminIdentifier = config.admin().identifier();
        this.clock = clock;
    }

    List<ExchangeRecords> read(JsonNode body) {
        JsonFields root = JsonFields.of(body, "");
        Instant receivedAt = clock.instant();
        if (!body.has("exchanges")) {
            return List.of(exchange(root, 0, receivedAt, BATCH_SHAPE));
        }
        root.refuseUnknown(BATCH_FIELDS, BATCH_SHAPE);
        JsonNode exchanges = body.get("exchanges");
        if (!exchanges.isArray()) {
            throw ApiException.badParameter("exchanges", "exchanges must be an array of exchanges");
        }
        if (exchanges.isEmpty()) {
            throw ApiException.badParameter("exchanges", "exchanges must hold at least one exchange");
        }
        if (exchanges.size() > MAX_EXCHANGES) {
            throw ApiException.badParameter("exchanges", "exchanges holds " + exchanges.size()
                    + " exchanges; at most " + MAX_EXCHANGES + " are taken at once");
        }
        List<ExchangeRecords> read = new ArrayList<>(exchanges.size());
        for (int i = 0; i < exchanges.size(); i++) {
            read.add(exchange(JsonFields.of(exchanges.get(i), "exchanges[" + i + "]"), i, receivedAt,
                    EXCHANGE_SHAPE));
        }
        return read;
    }

    private ExchangeRecords exchange(JsonFields exchange, int index, Instant receivedAt, String shape) {
        exchange.refuseUnknown(EXCHANGE_FIELDS, shape);
        String apiPath = exchange.path("api");
        JsonNode apiNode = exchange.node("api");
        if (apiNode == null || apiNode.isNull()) {
            throw ApiException.badParameter(apiPath, apiPath + " is required: " + ExchangeApi.choices());
        }
        ExchangeApi api = ExchangeApi.of(apiNode.isTextual() ? apiNode.textValue() : null)
                .orElseThrow(() -> ApiException.badParameter(apiPath, apiPath + " must be " + ExchangeApi.choices()
                        + "; no other API sends one-to-one messages"));
        JsonFields request = exchange.object("request");
        JsonFields response = exchange.object("response");
        String from = request.optionalText("From_Account").orElse(adminIdentifier);
        List<String> recipients = api == ExchangeApi.SENDMSG ? List.of(singleRecipient(request))
                : recipients(request);
        Long msgRandom = request.optionalUint32("MsgRandom").orElse(null);
        Long msgSeq = request.optionalUint32("MsgSeq").orElse(null);
        String actionStatus = response.requiredText("ActionStatus");
        long errorCode = response.optionalLong("ErrorCode").orElse(0L);
        if ("FAIL".equals(actionStatus) || errorCode != 0) {
            String reason = "Tencent did not send it: ErrorCode " + errorCode
                    + response.optionalText("ErrorInfo").filter(info -> !info.isBlank()).map(info -> " (" + info + ")")
                            .orElse("");
            return new ExchangeRecords(index, List.of(),
                    recipients.stream().map(to -> new NotRecorded(index, to, reason)).toList());
        }
        String msgKey = response.optionalText("MsgKey").orElseThrow(() -> ApiException.badParameter(
                response.path("MsgKey"), response.path("MsgKey") + " is required: a reply that sent the message "
                        + "carries its MsgKey, the key a recall needs"));
        Instant msgTime = msgTime(response);
        Map<String, Long> failed = api == ExchangeApi.BATCHSENDMSG ? failedRecipients(response) : Map.of();
        List<MessageRecord> records = new ArrayList<>();
        List<NotRecorded> notRecorded = new ArrayList<>();
        for (String to : recipients) {
            Long code = failed.get(to);
            if (code != null) {
                notRecorded.add(new NotRecorded(index, to, "Tencent listed it in ErrorList with ErrorCode " + code
                        + (code == NO_SUCH_ACCOUNT ? " (the account does not exist)" : "")));
            } else {
                records.add(MessageRecord.imported(new MessageKey(sdkAppId, from, to, msgKey), msgSeq, msgRandom,
                        msgTime, receivedAt));
            }
        }
        return new ExchangeRecords(index, records, notRecorded);
    }

    private static String singleRecipient(JsonFields request) {
        JsonNode to = request.node("To_Account");
        if (to != null && to.isArray()) {
            throw ApiException.badParameter(request.path("To_Account"), request.path("To_Account")
                    + " must be a string: sendmsg has one recipient (batchsendmsg takes an array)");
        }
        return request.requiredText("To_Account");
    }

    /** batchsendmsg's recipients, each once, in the order given. */
    private static List<String> recipients(JsonFields request) {
        String path = request.path("To_Account");
        JsonNode to = request.node("To_Account");
        if (to == null || to.isNull()) {
            throw ApiException.badParameter(path, path + " is required");
        }
        if (!to.isArray()) {
            throw ApiException.badParameter(path, path + " must be an array of strings: batchsendmsg sends to a "
                    + "list of recipients (sendmsg takes one string)");
        }
        if (to.isEmpty()) {
            throw ApiException.badParameter(path, path + " must name at least one recipient");
        }
        Set<String> recipients = new LinkedHashSet<>();
        for (int i = 0; i < to.size(); i++) {
            recipients.add(JsonFields.text(to.get(i), path + "[" + i + "]"));
        }
        return List.copyOf(recipients);
    }

    /** Recipients of a batch that Tencent reports as failed (70107: the account does not exist), with their codes. */
    private static Map<String, Long> failedRecipients(JsonFields response) {
        Map<String, Long> failed = new LinkedHashMap<>();
        for (JsonFields error : response.objects("ErrorList")) {
            failed.put(error.requiredText("To_Account"), error.optionalLong("ErrorCode").orElse(0L));
        }
        return failed;
    }

    /** The reply's MsgTime; batchsendmsg replies carry none, and the record then stands in the time of the import. */
    private static Instant msgTime(JsonFields response) {
        Optional<Long> seconds = response.optionalLong("MsgTime");
        if (seconds.isPresent() && (seconds.get() <= 0 || seconds.get() >= LATEST_SECOND)) {
            throw ApiException.badParameter(response.path("MsgTime"),
                    response.path("MsgTime") + " must be Unix seconds between 1970 and 2100");
        }
        return seconds.map(Instant::ofEpochSecond).orElse(null);
    }
}
