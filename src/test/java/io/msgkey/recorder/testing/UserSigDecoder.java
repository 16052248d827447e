package io.msgkey.recorder.testing;

import java.io.ByteArrayOutputStream;
import java.util.Base64;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Undoes a UserSig: reverse Tencent's substitution, Base64-decode, inflate, parse the JSON. */
public final class UserSigDecoder {

    private UserSigDecoder() {
    }

    public static JsonNode decode(String userSig) {
        byte[] compressed = Base64.getDecoder()
                .decode(userSig.replace('*', '+').replace('-', '/').replace('_', '='));
        Inflater inflater = new Inflater();
        inflater.setInput(compressed);
        ByteArrayOutputStream json = new ByteArrayOutputStream();
        byte[] buffer = new byte[512];
        try {
            while (!inflater.finished()) {
                int n = inflater.inflate(buffer);
                if (n == 0 && inflater.needsInput()) {
                    throw new IllegalArgumentException("truncated UserSig");
                }
                json.write(buffer, 0, n);
            }
            return new ObjectMapper().readTree(json.toByteArray());
        } catch (DataFormatException | java.io.IOException e) {
            throw new IllegalArgumentException("not a UserSig: " + e.getMessage(), e);
        } finally {
            inflater.end();
        }
    }
}
