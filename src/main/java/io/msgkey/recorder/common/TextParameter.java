package io.msgkey.recorder.common;

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
}
