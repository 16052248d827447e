package io.msgkey.recorder.security;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPublicKey;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;

import com.github.tomakehurst.wiremock.WireMockServer;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/** An OpenID Connect provider reduced to what bearer-token checks need: its signing key set. */
public class OidcServerStub implements QuarkusTestResourceLifecycleManager {

    static final String ISSUER = "https://issuer.example/realms/moderation";
    static final KeyPair KEYS = keyPair();

    private WireMockServer server;

    @Override
    public Map<String, String> start() {
        server = new WireMockServer(options().dynamicPort());
        server.start();
        RSAPublicKey key = (RSAPublicKey) KEYS.getPublic();
        server.stubFor(get(urlPathEqualTo("/realms/moderation/protocol/openid-connect/certs")).willReturn(okJson("""
                {"keys": [{"kty": "RSA", "kid": "test-key", "use": "sig", "alg": "RS256", "n": "%s", "e": "%s"}]}"""
                .formatted(base64Url(key.getModulus()), base64Url(key.getPublicExponent())))));
        return Map.of(
                "quarkus.oidc.tenant-enabled", "true",
                "quarkus.oidc.auth-server-url", server.baseUrl() + "/realms/moderation",
                "quarkus.oidc.discovery-enabled", "false",
                "quarkus.oidc.jwks-path", "protocol/openid-connect/certs",
                "quarkus.oidc.token.issuer", ISSUER,
                "quarkus.oidc.roles.role-claim-path", "groups");
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop();
        }
    }

    private static String base64Url(BigInteger value) {
        byte[] bytes = value.toByteArray();
        int skip = bytes.length > 1 && bytes[0] == 0 ? 1 : 0;
        byte[] unsigned = Arrays.copyOfRange(bytes, skip, bytes.length);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(unsigned);
    }

    private static KeyPair keyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
