package io.msgkey.recorder.security;

import static io.msgkey.recorder.testing.Api.ALICE;
import static io.msgkey.recorder.testing.Api.CAROL;
import static io.msgkey.recorder.testing.Api.as;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/** What a hostile page can try against a moderator's browser: framing, sniffing, script injection, forced logout. */
@QuarkusTest
class BrowserDefencesTest {

    @ParameterizedTest
    @ValueSource(strings = { "/login", "/console/search", "/console/jobs", "/console/audit" })
    void consolePagesCarryAStrictContentSecurityPolicy(String page) {
        RequestSpecification viewer = page.equals("/login") ? given()
                : as(page.equals("/console/audit") ? CAROL : ALICE);
        Response response = viewer.redirects().follow(false).get(page);
        assertThat(response.statusCode()).isEqualTo(200);
        String policy = response.header("Content-Security-Policy");
        assertThat(policy).contains("default-src 'none'").contains("script-src 'self'")
                .contains("frame-ancestors 'none'").contains("form-action 'self'").contains("base-uri 'none'")
                .contains("object-src 'none'").doesNotContain("unsafe-inline").doesNotContain("unsafe-eval");
        assertThat(response.header("X-Frame-Options")).isEqualTo("DENY");
        assertThat(response.header("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(response.header("Referrer-Policy")).isEqualTo("same-origin");
    }

    @Test
    void scriptsAndStylesAreNotSniffed() {
        given().get("/console/lib/page.js").then().statusCode(200).header("X-Content-Type-Options", "nosniff");
        given().get("/console/app.css").then().statusCode(200).header("X-Content-Type-Options", "nosniff");
    }

    @Test
    void apiAnswersCannotBeFramedSniffedOrCached() {
        Response response = as(CAROL).get("/api/recall-jobs");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.header("Content-Security-Policy")).isEqualTo("default-src 'none'; frame-ancestors 'none'");
        assertThat(response.header("X-Frame-Options")).isEqualTo("DENY");
        assertThat(response.header("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(response.header("Cache-Control")).isEqualTo("no-store");
        given().get("/api/recall-jobs").then().statusCode(401).header("X-Content-Type-Options", "nosniff")
                .header("Cache-Control", "no-store");
    }

    @Test
    void logoutStartedByAnotherSiteIsRefused() {
        given().redirects().follow(false).header("Origin", "https://evil.example").post("/logout").then()
                .statusCode(403).header("Set-Cookie", org.hamcrest.Matchers.nullValue());
        given().redirects().follow(false).header("Origin", "null").post("/logout").then().statusCode(403);
        given().redirects().follow(false).header("Referer", "https://evil.example/page").post("/logout").then()
                .statusCode(403);
        given().redirects().follow(false).header("Origin", "http://localhost:" + RestAssured.port + ".evil.example")
                .post("/logout").then().statusCode(403);
    }

    @Test
    void logoutFromTheConsoleItselfSignsOut() {
        given().redirects().follow(false).header("Origin", "http://localhost:" + RestAssured.port).post("/logout")
                .then().statusCode(303).header("Location", containsString("/login"))
                .header("Set-Cookie", containsString("msgkey-session=")).header("Set-Cookie", containsString("Max-Age=0"));
        given().redirects().follow(false)
                .header("Referer", "http://localhost:" + RestAssured.port + "/console/search").post("/logout").then()
                .statusCode(303);
    }

    @Test
    void swaggerUiIsNotServedUnlessSwitchedOn() {
        given().redirects().follow(false).get("/q/swagger-ui/").then().statusCode(404);
        given().redirects().follow(false).get("/q/swagger-ui").then().statusCode(not(equalTo(200)));
        given().get("/q/openapi").then().statusCode(200);
    }
}
