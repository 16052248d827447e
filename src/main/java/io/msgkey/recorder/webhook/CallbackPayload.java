package io.msgkey.recorder.webhook;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;

import io.msgkey.recorder.ingest.IdentityText;

/**
 * Typed reads from a callback body with an error that names the field. Tencent may add fields at any time, so only
 * what is read is checked. Integers are accepted as JSON numbers or digit strings: Tencent sends some both ways.
 */
final class CallbackPayload {

    private static final long UINT32_MAX = 0xFFFF_FFFFL;
    /** 2100-01-01: beyond it a time is a sender's mistake, and PostgreSQL would refuse years past 9999 anyway. */
    private static final long LATEST_SECOND = 4_102_444_800L;

    private final JsonNode body;
    /** How errors name this object's fields: empty for the body, {@code "MsgSeqList[2]."} for an element. */
    private final String prefix;

    CallbackPayload(JsonNode body) {
        this(body, "");
    }

    private CallbackPayload(JsonNode body, String prefix) {
        this.body = body;
        this.prefix = prefix;
    }

    String requiredText(String field) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            throw CallbackRejected.badRequest(prefix + field + " is required");
        }
        return text(field, value);
    }

    /** Absent, null and the empty string all mean "not given". */
    Optional<String> optionalText(String field) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull() || value.isTextual() && value.textValue().isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(text(field, value));
    }

    private String text(String field, JsonNode value) {
        if (!value.isTextual()) {
            throw CallbackRejected.badRequest(prefix + field + " must be a string");
        }
        String text = value.textValue();
        IdentityText.problem(text).ifPresent(problem -> {
            throw CallbackRejected.badRequest(prefix + field + " " + problem);
        });
        return text;
    }

    /** A non-empty array of objects, each read with errors naming it ({@code MsgSeqList[0].MsgSeq}). */
    List<CallbackPayload> requiredObjects(String field) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            throw CallbackRejected.badRequest(prefix + field + " is required");
        }
        if (!value.isArray() || value.isEmpty()) {
            throw CallbackRejected.badRequest(prefix + field + " must be a non-empty array");
        }
        List<CallbackPayload> elements = new ArrayList<>();
        for (int i = 0; i < value.size(); i++) {
            String name = prefix + field + "[" + i + "]";
            if (!value.get(i).isObject()) {
                throw CallbackRejected.badRequest(name + " must be an object");
            }
            elements.add(new CallbackPayload(value.get(i), name + "."));
        }
        return elements;
    }

    long requiredPositive(String field) {
        long value = requiredLong(field);
        if (value <= 0) {
            throw CallbackRejected.badRequest(prefix + field + " must be a positive integer");
        }
        return value;
    }

    Optional<Long> optionalUint32(String field) {
        return optionalLong(field).map(value -> {
            if (value < 0 || value > UINT32_MAX) {
                throw CallbackRejected.badRequest(prefix + field + " must be an unsigned 32-bit integer");
            }
            return value;
        });
    }

    /** Unix seconds, as Tencent's MsgTime. */
    Instant requiredSeconds(String field) {
        long seconds = requiredLong(field);
        if (seconds <= 0 || seconds >= LATEST_SECOND) {
            throw CallbackRejected.badRequest(prefix + field + " must be Unix seconds between 1970 and 2100");
        }
        return Instant.ofEpochSecond(seconds);
    }

    /** EventTime, in milliseconds; a value no clock could have given is ignored: it only says when, not what. */
    Optional<Instant> eventTime() {
        return optionalLong("EventTime").filter(millis -> millis > 0 && millis / 1000 < LATEST_SECOND)
                .map(Instant::ofEpochMilli);
    }

    long requiredUint32(String field) {
        return optionalUint32(field).orElseThrow(() -> CallbackRejected.badRequest(prefix + field + " is required"));
    }

    long requiredLong(String field) {
        return optionalLong(field).orElseThrow(() -> CallbackRejected.badRequest(prefix + field + " is required"));
    }

    Optional<Long> optionalLong(String field) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (value.isIntegralNumber() && value.canConvertToLong()) {
            return Optional.of(value.longValue());
        }
        if (value.isTextual()) {
            try {
                return Optional.of(Long.parseLong(value.textValue()));
            } catch (NumberFormatException e) {
                // falls through to the same error as any other wrong type
            }
        }
        throw CallbackRejected.badRequest(prefix + field + " must be an integer");
    }

    int requiredInt(String field) {
        long value = requiredLong(field);
        if (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE) {
            throw CallbackRejected.badRequest(prefix + field + " is out of range");
        }
        return (int) value;
    }
}
