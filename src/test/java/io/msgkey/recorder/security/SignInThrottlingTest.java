package io.msgkey.recorder.security;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import io.msgkey.recorder.testing.Messages;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/**
 * Guessing passwords: after repeated failures for one user, or from one address, sign-in backs off. The test profile
 * trusts loopback as a proxy, so each test stages its own client address with X-Forwarded-For.
 */
@QuarkusTest
class SignInThrottlingTest {

    private static final int USER_LIMIT = 5;
    private static final int ADDRESS_LIMIT = 20;

    @Test
    void basicSignInForAUserBacksOffAfterRepeatedFailuresEvenWithTheRightPassword() throws IOException {
        String address = "198.51.100.10";
        for (int i = 0; i < USER_LIMIT; i++) {
            basic("eve", "guess-" + i, address).get("/api/recall-jobs").then().statusCode(401);
        }
        Response refused = basic("eve", "eve-demo", address).get("/api/recall-jobs");
        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(Long.parseLong(refused.header("Retry-After"))).isBetween(1L, 60L);
        assertThat(refused.jsonPath().getString("error")).contains("too many failed sign-ins");
        // another address does not lift a user's back-off
        basic("eve", "eve-demo", "198.51.100.11").get("/api/recall-jobs").then().statusCode(429);

        assertThat(given().get("/q/metrics").asString())
                .containsPattern("security_sign_in_failures_total\\{mechanism=\"basic\"} [1-9]")
                .containsPattern("security_sign_in_refused_total\\{mechanism=\"basic\"} [1-9]");
        assertThat(Files.readString(Path.of("target/quarkus-test.log")))
                .containsPattern("sign-in for user eve backed off for [0-9]+ s after 5 failures");
    }

    @Test
    void anUnknownUserBacksOffLikeAKnownOne() {
        String user = Messages.unique("nobody");
        for (int i = 0; i < USER_LIMIT; i++) {
            basic(user, "x", "198.51.100.20").get("/api/recall-jobs").then().statusCode(401);
        }
        basic(user, "x", "198.51.100.20").get("/api/recall-jobs").then().statusCode(429);
    }

    @Test
    void anAddressTryingManyUsersBacksOff() {
        String address = "198.51.100.30";
        for (int i = 0; i < ADDRESS_LIMIT; i++) {
            basic(Messages.unique("spray"), "password1", address).get("/api/recall-jobs").then().statusCode(401);
        }
        basic(Messages.unique("spray"), "password1", address).get("/api/recall-jobs").then().statusCode(429);
        basic("alice", "alice-demo", address).get("/api/recall-jobs").then().statusCode(429);
        basic("alice", "alice-demo", "198.51.100.31").get("/api/recall-jobs").then().statusCode(200);
    }

    @Test
    void consoleSignInBacksOffAndItsPageSaysSo() {
        String user = Messages.unique("formuser");
        for (int i = 0; i < USER_LIMIT; i++) {
            form(user, "guess-" + i, "198.51.100.40").then().statusCode(anyOf(equalTo(302), equalTo(303)));
        }
        Response refused = form(user, "guess", "198.51.100.40");
        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(refused.contentType()).startsWith("text/html");
        assertThat(Long.parseLong(refused.header("Retry-After"))).isPositive();
        assertThat(refused.asString()).contains("Too many failed sign-ins").contains("id=\"login-error\"");
        assertThat(given().get("/q/metrics").asString())
                .containsPattern("security_sign_in_failures_total\\{mechanism=\"form\"} [1-9]");
    }

    @Test
    void aSuccessfulSignInForgetsTheUsersEarlierFailures() {
        String address = "198.51.100.50";
        for (int round = 0; round < 3; round++) {
            for (int i = 0; i < USER_LIMIT - 1; i++) {
                basic("bob", "wrong", address).get("/api/recall-jobs").then().statusCode(401);
            }
            basic("bob", "bob-demo", address).get("/api/recall-jobs").then().statusCode(200)
                    .body("items", notNullValue());
        }
        basic("bob", "bob-demo", address).get("/api/recall-jobs").then().statusCode(200);
    }

    private static RequestSpecification basic(String user, String password, String address) {
        return given().auth().preemptive().basic(user, password).header("X-Forwarded-For", address);
    }

    private static Response form(String user, String password, String address) {
        return given().redirects().follow(false).header("X-Forwarded-For", address).contentType(
                "application/x-www-form-urlencoded").formParam("j_username", user).formParam("j_password", password)
                .post("/j_security_check");
    }
}
