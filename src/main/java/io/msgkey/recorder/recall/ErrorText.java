package io.msgkey.recorder.recall;

/**
 * Error text that comes from outside (Tencent, a proxy) made fit to store: PostgreSQL refuses NUL, control characters
 * garble CSV evidence, and a page of HTML helps nobody.
 */
public final class ErrorText {

    private static final int MAX_LENGTH = 500;

    private ErrorText() {
    }

    /** Null when there is nothing to say. */
    public static String storable(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String printable = text.replaceAll("\\p{Cntrl}", " ").strip();
        return printable.length() <= MAX_LENGTH ? printable : printable.substring(0, MAX_LENGTH) + "…";
    }
}
