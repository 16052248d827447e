package io.msgkey.recorder.tencent;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.msgkey.recorder.testing.UserSigDecoder;

class UserSigTest {

    private static final JsonNode VECTORS = vectors();
    private static final String SECRET_KEY = VECTORS.get("secretKey").asText();
    private static final long SDK_APP_ID = VECTORS.get("sdkAppId").asLong();

    static List<JsonNode> cases() {
        List<JsonNode> cases = new ArrayList<>();
        VECTORS.get("cases").forEach(cases::add);
        return cases;
    }

    @ParameterizedTest
    @MethodSource("cases")
    void signatureMatchesEveryPublishedVector(JsonNode vector) {
        assertThat(UserSig.signature(SDK_APP_ID, SECRET_KEY, vector.get("identifier").asText(),
                vector.get("time").asLong(), vector.get("expire").asLong())).isEqualTo(vector.get("tlsSig").asText());
    }

    @ParameterizedTest
    @MethodSource("cases")
    void generatedUserSigDecodesToTheSignedDocument(JsonNode vector) {
        String identifier = vector.get("identifier").asText();
        long time = vector.get("time").asLong();
        long expire = vector.get("expire").asLong();

        JsonNode document = UserSigDecoder.decode(UserSig.generate(SDK_APP_ID, SECRET_KEY, identifier, time, expire));

        assertThat(document.get("TLS.ver").asText()).isEqualTo("2.0");
        assertThat(document.get("TLS.identifier").asText()).isEqualTo(identifier);
        assertThat(document.get("TLS.sdkappid").isNumber()).isTrue();
        assertThat(document.get("TLS.sdkappid").asLong()).isEqualTo(SDK_APP_ID);
        assertThat(document.get("TLS.time").asLong()).isEqualTo(time);
        assertThat(document.get("TLS.expire").asLong()).isEqualTo(expire);
        assertThat(document.get("TLS.sig").asText()).isEqualTo(vector.get("tlsSig").asText());
    }

    @Test
    void publishedUserSigDecodesToItsPublishedDocument() {
        JsonNode vector = cases().get(0);
        JsonNode decoded = UserSigDecoder.decode(vector.get("userSig").asText());
        assertThat(decoded).isEqualTo(vector.get("userSigDecodesTo"));
        assertThat(decoded.get("TLS.sig").asText()).isEqualTo(UserSig.signature(SDK_APP_ID, SECRET_KEY, "0",
                decoded.get("TLS.time").asLong(), decoded.get("TLS.expire").asLong()));
    }

    @Test
    void userSigUsesTencentsAlphabetNotBase64Url() {
        String userSig = UserSig.generate(SDK_APP_ID, SECRET_KEY, "administrator", 1700000000, 86400);
        assertThat(userSig).matches("[A-Za-z0-9*\\-_]+").doesNotContain("+", "/", "=");
    }

    @Test
    void identifierIsEscapedInTheJson() {
        String identifier = "admin\"\\quote";
        JsonNode document = UserSigDecoder.decode(UserSig.generate(SDK_APP_ID, SECRET_KEY, identifier, 1, 2));
        assertThat(document.get("TLS.identifier").asText()).isEqualTo(identifier);
    }

    private static JsonNode vectors() {
        try (InputStream in = UserSigTest.class.getResourceAsStream("/tencent/test-vectors.json")) {
            return new ObjectMapper().readTree(in).get("userSig");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
