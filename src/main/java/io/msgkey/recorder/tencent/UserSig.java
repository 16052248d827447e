package io.msgkey.recorder.tencent;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.Deflater;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Tencent's UserSig v2 (TLSSigAPIv2), made with the JDK alone. Tencent's own {@code tls-sig-api-v2} artifact reads the
 * system clock itself and drags in org.json; this takes the time as an argument, so the published vectors can be
 * checked exactly, and it is the whole algorithm: HMAC-SHA256, JSON, zlib and a Base64 variant.
 */
public final class UserSig {

    private static final ObjectMapper JSON = new ObjectMapper();

    private UserSig() {
    }

    public static String generate(long sdkAppId, String secretKey, String identifier, long time, long expire) {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("TLS.ver", "2.0");
        document.put("TLS.identifier", identifier);
        document.put("TLS.sdkappid", sdkAppId);
        document.put("TLS.expire", expire);
        document.put("TLS.time", time);
        document.put("TLS.sig", signature(sdkAppId, secretKey, identifier, time, expire));
        try {
            return urlSafe(Base64.getEncoder().encodeToString(deflate(JSON.writeValueAsBytes(document))));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a map of strings and numbers always serialises", e);
        }
    }

    /** {@code TLS.sig}: Base64 of HMAC-SHA256 keyed with the secret key's text, over the four content lines. */
    public static String signature(long sdkAppId, String secretKey, String identifier, long time, long expire) {
        String content = "TLS.identifier:" + identifier + "\n" + "TLS.sdkappid:" + sdkAppId + "\n" + "TLS.time:" + time
                + "\n" + "TLS.expire:" + expire + "\n";
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secretKey.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return Base64.getEncoder().encodeToString(mac.doFinal(content.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JDK has HmacSHA256", e);
        }
    }

    private static byte[] deflate(byte[] input) {
        Deflater deflater = new Deflater();
        deflater.setInput(input);
        deflater.finish();
        ByteArrayOutputStream out = new ByteArrayOutputStream(input.length);
        byte[] buffer = new byte[1024];
        while (!deflater.finished()) {
            out.write(buffer, 0, deflater.deflate(buffer));
        }
        deflater.end();
        return out.toByteArray();
    }

    /** Tencent's own substitution, not RFC 4648 base64url: padding is kept, as '_'. */
    private static String urlSafe(String base64) {
        return base64.replace('+', '*').replace('/', '-').replace('=', '_');
    }
}
