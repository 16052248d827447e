package io.msgkey.recorder.ingest;

import java.util.Optional;

/**
 * What an account id or MsgKey must be for the write path to store it, whichever source it comes from. Tencent's
 * UserIDs are at most 32 bytes. The bound keeps identities inside PostgreSQL's index entry limit, and NUL is refused
 * because PostgreSQL text cannot hold it: either would fail a whole batch, again on every replay.
 */
public final class IdentityText {

    public static final int MAX_LENGTH = 256;

    private IdentityText() {
    }

    /** What is wrong with the text, as the end of a sentence naming the field ("must not be empty"); empty if fine. */
    public static Optional<String> problem(String text) {
        if (text.isEmpty()) {
            return Optional.of("must not be empty");
        }
        if (text.length() > MAX_LENGTH) {
            return Optional.of("is longer than " + MAX_LENGTH + " characters");
        }
        if (text.indexOf('\u0000') >= 0) {
            return Optional.of("must not contain NUL characters");
        }
        if (!wellFormed(text)) {
            return Optional.of("is not valid Unicode (it holds an unpaired surrogate)");
        }
        return Optional.empty();
    }

    /**
     * False for a lone UTF-16 surrogate, which JSON escapes allow but UTF-8 cannot carry: the driver would store it as
     * '?', merging distinct MsgKeys into one row, and two in one batch would fail the whole batch.
     */
    public static boolean wellFormed(String text) {
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
}
