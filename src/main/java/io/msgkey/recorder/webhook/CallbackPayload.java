package io.msgkey.recorder.webhook;

import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;

import io.msgkey.recorder.ingest.IdentityText;

/**
 * Typed reads from a callback body with an error that names the field. Tencent may add fields at any time, so only
 * what is read is checked. Integers are accepted as JSON numbers or digit strings: Tencent sends some both ways.
 */
final class CallbackPayload {

    private static final long UINT32_MAX = 0xFFFF_FFFFL;

    private final JsonNode body;

    CallbackPayload(JsonNode body) {
        this.body = body;
    }

    String requiredText(String field) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            throw CallbackRejected.badRequest(field + " is required");
        }
        if (!value.isTextual()) {
            throw CallbackRejected.badRequest(field + " must be a string");
        }
        String text = value.textValue();
        IdentityText.problem(text).ifPresent(problem -> {
            throw CallbackRejected.badRequest(field + " " + problem);
        });
        return text;
    }

    long requiredUint32(String field) {
        long value = requiredLong(field);
        if (value < 0 || value > UINT32_MAX) {
            throw CallbackRejected.badRequest(field + " must be an unsigned 32-bit integer");
        }
        return value;
    }

    long requiredLong(String field) {
        return optionalLong(field).orElseThrow(() -> CallbackRejected.badRequest(field + " is required"));
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
        throw CallbackRejected.badRequest(field + " must be an integer");
    }

    int requiredInt(String field) {
        long value = requiredLong(field);
        if (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE) {
            throw CallbackRejected.badRequest(field + " is out of range");
        }
        return (int) value;
    }
}
