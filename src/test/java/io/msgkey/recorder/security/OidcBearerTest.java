package io.msgkey.recorder.security;

import static io.msgkey.recorder.testing.Api.ALICE;
import static io.msgkey.recorder.testing.Api.as;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.smallrye.jwt.build.Jwt;

/** OpenID Connect switched on by configuration alone: bearer tokens carry the roles; Basic keeps working. */
@QuarkusTest
@TestProfile(OidcBearerTest.WithOidc.class)
class OidcBearerTest {

    public static class WithOidc implements QuarkusTestProfile {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(OidcServerStub.class));
        }
    }

    @Test
    void bearerTokenWithTheModeratorGroupMaySearch() {
        given().auth().oauth2(token("dana", Set.of("moderator"), OidcServerStub.KEYS.getPrivate()))
                .queryParam("from", "someone").get("/api/messages").then().statusCode(200);
        given().auth().oauth2(token("dana", Set.of("moderator"), OidcServerStub.KEYS.getPrivate()))
                .get("/api/audit").then().statusCode(403);
    }

    @Test
    void bearerTokenWithTheAuditorGroupReadsTheAuditLogOnly() {
        String auditor = token("erin", Set.of("auditor"), OidcServerStub.KEYS.getPrivate());
        given().auth().oauth2(auditor).get("/api/audit").then().statusCode(200);
        given().auth().oauth2(auditor).queryParam("from", "someone").get("/api/messages").then().statusCode(403)
                .body("error", equalTo("erin is not allowed to do this: it needs another role"));
    }

    @Test
    void tokenSignedByAnotherKeyIsRefused() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        given().auth().oauth2(token("mallory", Set.of("moderator"), generator.generateKeyPair().getPrivate()))
                .get("/api/recall-jobs").then().statusCode(401);
    }

    @Test
    void httpBasicStillWorks() {
        as(ALICE).get("/api/recall-jobs").then().statusCode(200);
    }

    private static String token(String user, Set<String> groups, PrivateKey key) {
        return Jwt.issuer(OidcServerStub.ISSUER).upn(user).preferredUserName(user).groups(groups).expiresIn(300)
                .jws().keyId("test-key").sign(key);
    }
}
