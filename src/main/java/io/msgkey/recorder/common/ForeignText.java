package io.msgkey.recorder.common;

import java.util.OptionalInt;

/**
 * The one rule for text that comes from outside (chat users' account ids, Tencent's or a proxy's error text) before it
 * is stored, logged or matched. Unsafe are control characters (C0 and C1, so also U+0085), the line and paragraph
 * separators U+2028 and U+2029, format characters (bidi embeddings, overrides and isolates, U+202A–U+202E and
 * U+2066–U+2069, the marks U+200E, U+200F and U+061C, zero-width characters U+200B–U+200D, U+2060, U+FEFF) and lone
 * surrogates: they break log lines, reorder what a reader sees around them, or make two different ids look alike.
 */
public final class ForeignText {

    private static final int MAX_STORED_LENGTH = 500;

    private ForeignText() {
    }

    public static boolean isUnsafe(int codePoint) {
        return switch (Character.getType(codePoint)) {
            case Character.CONTROL, Character.FORMAT, Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR,
                    Character.SURROGATE ->
                true;
            default -> false;
        };
    }

    /** Index of the first unsafe character, if any. */
    public static OptionalInt firstUnsafe(String text) {
        for (int i = 0; i < text.length();) {
            int codePoint = text.codePointAt(i);
            if (isUnsafe(codePoint)) {
                return OptionalInt.of(i);
            }
            i += Character.charCount(codePoint);
        }
        return OptionalInt.empty();
    }

    /**
     * Fit to store and show (error text, pause reasons): breaks and controls become spaces, invisible format
     * characters go, and the rest is cut at 500 characters. Null when nothing is left to say.
     */
    public static String storable(String text) {
        if (text == null) {
            return null;
        }
        StringBuilder clean = new StringBuilder(text.length());
        text.codePoints().forEach(codePoint -> {
            if (!isUnsafe(codePoint)) {
                clean.appendCodePoint(codePoint);
            } else if (Character.getType(codePoint) != Character.FORMAT) {
                clean.append(' ');
            }
        });
        String stored = clean.toString().strip();
        if (stored.isEmpty()) {
            return null;
        }
        if (stored.length() <= MAX_STORED_LENGTH) {
            return stored;
        }
        int end = Character.isHighSurrogate(stored.charAt(MAX_STORED_LENGTH - 1)) ? MAX_STORED_LENGTH - 1
                : MAX_STORED_LENGTH;
        return stored.substring(0, end) + "…";
    }

    /** For a log line: every unsafe character shows as '?', so the line stays one line and reads as it is. */
    public static String printable(String text) {
        if (text == null) {
            return null;
        }
        StringBuilder line = new StringBuilder(text.length());
        text.codePoints().forEach(codePoint -> {
            if (isUnsafe(codePoint)) {
                line.append('?');
            } else {
                line.appendCodePoint(codePoint);
            }
        });
        return line.toString();
    }
}
