package io.msgkey.recorder.common;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.OptionalLong;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.quarkus.runtime.Startup;
import io.smallrye.config.Secret;

/**
 * Opaque page cursors: a position signed (HMAC-SHA256) with the server's key together with the query it belongs to.
 * A cursor the service did not issue for this query, tampered, truncated, or naming a time PostgreSQL cannot hold, is
 * refused with a 400 naming {@code cursor}; it never reaches the database. Cursors reveal nothing the page did not.
 */
@Startup
@ApplicationScoped
public class KeysetCursors {

    private static final String VERSION = "2";
    private static final String ID_VERSION = "id1";
    private static final String ALGORITHM = "HmacSHA256";
    private static final int MAC_BYTES = 16;
    private static final int MIN_KEY_LENGTH = 32;
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    private final SecretKeySpec key;

    @Inject
    KeysetCursors(ApiConfig config) {
        this(config.cursorKey().map(Secret::get).map(KeysetCursors::configuredKey).orElseGet(KeysetCursors::randomKey));
    }

    KeysetCursors(byte[] key) {
        this.key = new SecretKeySpec(key, ALGORITHM);
    }

    public String encode(KeysetCursor position, String query) {
        return sign(VERSION + "|" + position.time().getEpochSecond() + "|" + position.time().getNano() + "|"
                + position.id(), query);
    }

    /** A cursor for pages ordered by id alone: it holds nothing but the last id. */
    public String encodeId(long id, String query) {
        return sign(ID_VERSION + "|" + id, query);
    }

    /** Empty for a null or blank cursor: the first page. */
    public OptionalLong decodeId(String cursor, String query) {
        if (cursor == null || cursor.isBlank()) {
            return OptionalLong.empty();
        }
        try {
            String[] fields = verifiedFields(cursor, query);
            if (fields.length != 2 || !ID_VERSION.equals(fields[0])) {
                throw invalid();
            }
            long id = Long.parseLong(fields[1]);
            if (id < 0) {
                throw invalid();
            }
            return OptionalLong.of(id);
        } catch (IllegalArgumentException e) {
            throw invalid();
        }
    }

    /** Null for a null or blank cursor: the first page. */
    public KeysetCursor decode(String cursor, String query) {
        if (cursor == null || cursor.isBlank()) {
            return null;
        }
        try {
            String[] fields = verifiedFields(cursor, query);
            if (fields.length != 4 || !VERSION.equals(fields[0])) {
                throw invalid();
            }
            long nanos = Long.parseLong(fields[2]);
            long id = Long.parseLong(fields[3]);
            Instant time = Instant.ofEpochSecond(Long.parseLong(fields[1]), nanos);
            if (nanos < 0 || nanos > 999_999_999 || id < 0 || !InstantParameter.isStorable(time)) {
                throw invalid();
            }
            return new KeysetCursor(time, id);
        } catch (IllegalArgumentException | DateTimeException | ArithmeticException e) {
            throw invalid();
        }
    }

    private String sign(String payload, String query) {
        return ENCODER.encodeToString(payload.getBytes(StandardCharsets.UTF_8)) + "."
                + ENCODER.encodeToString(mac(payload, query));
    }

    private String[] verifiedFields(String cursor, String query) {
        String[] parts = cursor.strip().split("\\.", -1);
        if (parts.length != 2) {
            throw invalid();
        }
        byte[] payloadBytes = DECODER.decode(parts[0]);
        byte[] macBytes = DECODER.decode(parts[1]);
        // only the canonical encoding: base64 ignores the spare bits of a last character, a cursor check must not
        if (!ENCODER.encodeToString(payloadBytes).equals(parts[0]) || !ENCODER.encodeToString(macBytes).equals(parts[1])) {
            throw invalid();
        }
        String payload = new String(payloadBytes, StandardCharsets.UTF_8);
        if (!MessageDigest.isEqual(macBytes, mac(payload, query))) {
            throw invalid();
        }
        return payload.split("\\|", -1);
    }

    private byte[] mac(String payload, String query) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            mac.update(payload.getBytes(StandardCharsets.UTF_8));
            mac.update((byte) 0);
            return Arrays.copyOf(mac.doFinal(query.getBytes(StandardCharsets.UTF_8)), MAC_BYTES);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JDK has " + ALGORITHM, e);
        }
    }

    private static ApiException invalid() {
        return ApiException.badParameter("cursor",
                "cursor is not one this service issued for this query; start again without it");
    }

    private static byte[] configuredKey(String key) {
        if (key.length() < MIN_KEY_LENGTH) {
            throw new IllegalArgumentException("api.cursor-key must be at least " + MIN_KEY_LENGTH + " characters");
        }
        return key.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] randomKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return key;
    }
}
