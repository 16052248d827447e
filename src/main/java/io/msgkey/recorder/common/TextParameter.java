package io.msgkey.recorder.common;

import java.util.OptionalInt;

/** Free-text parameters of the API: blank counts as absent, and NUL, which PostgreSQL cannot store, is refused. */
public final class TextParameter {

    private TextParameter() {
    }

    /** The value as given (spaces and quotes included), null when absent or blank; a 400 naming it if it holds NUL. */
    public static String optional(String parameter, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        if (value.indexOf('\u0000') >= 0) {
            throw ApiException.badParameter(parameter, parameter + " must not contain NUL characters");
        }
        return value;
    }

    /**
     * Free text of at most {@code max} characters, stripped; null when absent or blank; a 400 naming it when it is too
     * long or holds NUL, or when {@code required} and absent.
     */
    public static String bounded(String parameter, String value, int max, boolean required) {
        String text = optional(parameter, value);
        if (text == null && required) {
            throw ApiException.badParameter(parameter, parameter + " is required");
        }
        if (text != null && text.length() > max) {
            throw ApiException.badParameter(parameter, parameter + " is longer than " + max + " characters");
        }
        return text == null ? null : text.strip();
    }

    /**
     * A chat account id: trimmed, null when absent or blank. One holding an invisible or control character is refused
     * with a 400 naming it rather than searched for: pasted from a chat, it would match nothing and look like a miss.
     */
    public static String accountId(String parameter, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String id = value.strip();
        OptionalInt unsafe = ForeignText.firstUnsafe(id);
        if (unsafe.isPresent()) {
            throw ApiException.badParameter(parameter,
                    "%s must not contain invisible or control characters (U+%04X at position %d)".formatted(parameter,
                            id.codePointAt(unsafe.getAsInt()), unsafe.getAsInt() + 1));
        }
        return id;
    }
}
