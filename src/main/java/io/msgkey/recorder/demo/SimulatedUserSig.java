package io.msgkey.recorder.demo;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Optional;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.msgkey.recorder.tencent.UserSig;

/**
 * Checks a UserSig the way Tencent's admin API does, against the demo's public key: a UserSig made with any other key
 * (a real one) is refused, as Tencent would refuse the demo's.
 */
final class SimulatedUserSig {

    private static final ObjectMapper JSON = new ObjectMapper();

    private SimulatedUserSig() {
    }

    /** The error Tencent would answer, if any. */
    static Optional<SimulatedReply> refusal(String userSig, long sdkAppId, String identifier, long now) {
        JsonNode sig;
        try {
            sig = decode(userSig);
        } catch (IllegalArgumentException e) {
            return Optional.of(SimulatedReply.fail(70003, "UserSig is not valid (simulated Tencent)"));
        }
        long time = sig.path("TLS.time").asLong();
        long expire = sig.path("TLS.expire").asLong();
        if (sig.path("TLS.sdkappid").asLong() != sdkAppId || !identifier.equals(sig.path("TLS.identifier").asText())) {
            return Optional.of(SimulatedReply.fail(70013, "the UserSig was made for another app or account "
                    + "(simulated Tencent)"));
        }
        byte[] expected = UserSig.signature(sdkAppId, Demo.SECRET_KEY, identifier, time, expire)
                .getBytes(StandardCharsets.US_ASCII);
        if (!MessageDigest.isEqual(expected, sig.path("TLS.sig").asText().getBytes(StandardCharsets.US_ASCII))) {
            return Optional.of(SimulatedReply.fail(70009, "UserSig verification failed: the simulated Tencent "
                    + "accepts only the demo's public key"));
        }
        if (time + expire < now) {
            return Optional.of(SimulatedReply.fail(70001, "UserSig expired (simulated Tencent)"));
        }
        return Optional.empty();
    }

    private static JsonNode decode(String userSig) {
        if (userSig == null || userSig.isEmpty()) {
            throw new IllegalArgumentException("no UserSig");
        }
        Inflater inflater = new Inflater();
        try {
            inflater.setInput(Base64.getDecoder().decode(userSig.replace('*', '+').replace('-', '/').replace('_', '=')));
            ByteArrayOutputStream json = new ByteArrayOutputStream();
            byte[] buffer = new byte[512];
            while (!inflater.finished()) {
                int n = inflater.inflate(buffer);
                if (n == 0 && inflater.needsInput()) {
                    throw new IllegalArgumentException("truncated UserSig");
                }
                json.write(buffer, 0, n);
            }
            return JSON.readTree(json.toByteArray());
        } catch (DataFormatException | IOException e) {
            throw new IllegalArgumentException("not a UserSig", e);
        } finally {
            inflater.end();
        }
    }
}
