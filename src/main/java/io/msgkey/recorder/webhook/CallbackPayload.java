package io.msgkey.recorder.webhook;

import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Typed reads from a callback body with an error that names the field. Tencent may add fields at any time, so only
 * what is read is checked. Integers are accepted as JSON numbers or digit strings: Tencent sends some both ways.
 */
final class CallbackPayload {

    private static final long UINT32_MAX = 0xFFFF_FFFFL;
    /**
     * Tencent's UserIDs are at most 32 bytes. The bound keeps identities inside PostgreSQL's index entry limit, and NUL
     * is refused because PostgreSQL text cannot hold it: either would fail a whole batch, again on every replay.
     */
    private static final int MAX_TEXT_LENGTH = 256;

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
        if (text.isEmpty()) {
            throw CallbackRejected.badRequest(field + " must not be empty");
        }
        if (text.length() > MAX_TEXT_LENGTH) {
            throw CallbackRejected.badRequest(field + " is longer than " + MAX_TEXT_LENGTH + " characters");
        }
        if (text.indexOf('\u0000') >= 0) {
            throw CallbackRejected.badRequest(field + " must not contain NUL characters");
        }
        if (!wellFormed(text)) {
            throw CallbackRejected.badRequest(field + " is not valid Unicode (it holds an unpaired surrogate)");
        }
        return text;
    }

    /**
     * False for a lone UTF-16 surrogate, which JSON escapes allow but UTF-8 cannot carry: the driver would store it as
     * '?', merging distinct MsgKeys into one row, and two in one batch would fail the whole batch.
     */
    static boolean wellFormed(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return false;
            }
        }
        return true;
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
