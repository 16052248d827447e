package io.msgkey.recorder.common;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;

/**
 * An opaque page cursor: the (time, id) keyset of the last row, bound to the query it came from and checksummed.
 * Tampering, truncation or reuse with another query is refused with a 400 naming {@code cursor}. It protects against
 * mistakes, not attackers: every query is authorised anyway, and a cursor reveals nothing the page did not.
 */
public record KeysetCursor(Instant time, long id) {

    private static final String VERSION = "1";

    public String encode(String query) {
        String payload = VERSION + "|" + time.getEpochSecond() + "|" + time.getNano() + "|" + id + "|"
                + fingerprint(query);
        String token = payload + "|" + checksum(payload);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(token.getBytes(StandardCharsets.UTF_8));
    }

    /** Null for a null or blank cursor: the first page. */
    public static KeysetCursor decode(String cursor, String query) {
        if (cursor == null || cursor.isBlank()) {
            return null;
        }
        try {
            String token = new String(Base64.getUrlDecoder().decode(cursor.trim()), StandardCharsets.UTF_8);
            int last = token.lastIndexOf('|');
            String payload = token.substring(0, last);
            String[] parts = payload.split("\\|");
            if (!token.substring(last + 1).equals(checksum(payload)) || parts.length != 5 || !VERSION.equals(parts[0])
                    || !parts[4].equals(fingerprint(query))) {
                throw invalid();
            }
            return new KeysetCursor(Instant.ofEpochSecond(Long.parseLong(parts[1]), Long.parseLong(parts[2])),
                    Long.parseLong(parts[3]));
        } catch (IllegalArgumentException | IndexOutOfBoundsException | DateTimeException e) {
            throw invalid();
        }
    }

    private static ApiException invalid() {
        return ApiException.badParameter("cursor",
                "cursor is not one this service issued for this query; start again without it");
    }

    private static String fingerprint(String query) {
        return sha256(query).substring(0, 16);
    }

    private static String checksum(String payload) {
        return sha256("keyset-cursor:" + payload).substring(0, 16);
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
