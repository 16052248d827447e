package io.msgkey.recorder.security;

import static io.msgkey.recorder.testing.Api.ALICE;
import static io.msgkey.recorder.testing.Api.BOB;
import static io.msgkey.recorder.testing.Api.CAROL;
import static io.msgkey.recorder.testing.Api.CORA;
import static io.msgkey.recorder.testing.Api.IVAN;
import static io.msgkey.recorder.testing.Api.anonymous;
import static io.msgkey.recorder.testing.Api.as;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import java.time.Instant;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.agroal.api.AgroalDataSource;
import io.msgkey.recorder.testing.Exchanges;
import io.msgkey.recorder.testing.Messages;
import io.msgkey.recorder.testing.RecallJobs;
import io.msgkey.recorder.testing.Rows;
import io.msgkey.recorder.testing.SyncJobs;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

@QuarkusTest
class AccessControlTest {

    @Inject
    AgroalDataSource dataSource;

    private long job;
    private long syncJob;
    private long hold;
    private String sender;

    @BeforeEach
    void aJob() {
        RecallJobs.settleEarlierJobs(dataSource);
        sender = Messages.unique("acl");
        Messages.insert(dataSource, sender, Messages.unique("to"), "k", Instant.parse("2024-06-01T00:00:00Z"));
        job = RecallJobs.createFrom(ALICE, sender);
        syncJob = SyncJobs.create(ALICE, "{\"user\": \"" + sender + "\"}").getLong("id");
        hold = as(CORA).body("{\"user\": \"" + sender + "\", \"reason\": \"acl\"}").post("/api/legal-holds").then()
                .statusCode(201).extract().jsonPath().getLong("id");
    }

    /**
     * Each endpoint as nobody, as a moderator, as an auditor, as an importer and as a compliance officer: 401, 403, or
     * let through (any other status).
     */
    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', value = {
            "GET  | /api/messages?from=x                 | application/json | allowed   | forbidden | forbidden | forbidden",
            "GET  | /api/messages/count?from=x           | application/json | allowed   | forbidden | forbidden | forbidden",
            "POST | /api/recall-jobs                     | application/json | allowed   | forbidden | forbidden | forbidden",
            "POST | /api/recall-jobs/{job}/confirm       | application/json | allowed   | forbidden | forbidden | forbidden",
            "POST | /api/recall-jobs/{job}/cancel        | application/json | allowed   | forbidden | forbidden | forbidden",
            "POST | /api/recall-jobs/{job}/retry         | application/json | allowed   | forbidden | forbidden | forbidden",
            "GET  | /api/recall-jobs                     | application/json | allowed   | allowed   | forbidden | forbidden",
            "GET  | /api/recall-jobs/{job}               | application/json | allowed   | allowed   | forbidden | forbidden",
            "GET  | /api/recall-jobs/{job}/items         | application/json | allowed   | allowed   | forbidden | forbidden",
            "GET  | /api/recall-jobs/{job}/items         | text/csv         | allowed   | allowed   | forbidden | forbidden",
            "GET  | /api/audit                           | application/json | forbidden | allowed   | forbidden | forbidden",
            "GET  | /api/audit                           | text/csv         | forbidden | allowed   | forbidden | forbidden",
            "POST | /api/imports                         | application/json | forbidden | forbidden | allowed   | forbidden",
            "POST | /api/sync-jobs                       | application/json | allowed   | forbidden | forbidden | forbidden",
            "POST | /api/sync-jobs/{sync}/cancel         | application/json | allowed   | forbidden | forbidden | forbidden",
            "POST | /api/sync-jobs/{sync}/resume         | application/json | allowed   | forbidden | forbidden | forbidden",
            "GET  | /api/sync-jobs                       | application/json | allowed   | allowed   | forbidden | forbidden",
            "GET  | /api/sync-jobs/{sync}                | application/json | allowed   | allowed   | forbidden | forbidden",
            "GET  | /api/sync-jobs/{sync}/conversations  | application/json | allowed   | allowed   | forbidden | forbidden",
            "GET  | /api/recording/gaps                  | application/json | allowed   | allowed   | forbidden | forbidden",
            "POST | /api/legal-holds                     | application/json | forbidden | forbidden | forbidden | allowed",
            "GET  | /api/legal-holds                     | application/json | forbidden | allowed   | forbidden | allowed",
            "POST | /api/legal-holds/{hold}/release      | application/json | forbidden | forbidden | forbidden | allowed",
            "GET  | /api/subjects/{sender}               | application/json | forbidden | forbidden | forbidden | allowed",
            "GET  | /api/subjects/{sender}/messages      | application/json | forbidden | forbidden | forbidden | allowed",
            "GET  | /api/subjects/{sender}/messages      | text/csv         | forbidden | forbidden | forbidden | allowed",
            "POST | /api/subjects/{sender}/erase         | application/json | forbidden | forbidden | forbidden | allowed",
            "GET  | /api/retention                       | application/json | forbidden | allowed   | forbidden | allowed",
            "POST | /api/retention/run                   | application/json | forbidden | forbidden | forbidden | allowed",
    })
    void everyEndpointNeedsTheRightRole(String method, String path, String accept, String moderator,
            String auditor, String importer, String compliance) {
        String url = path.replace("{job}", Long.toString(job)).replace("{sync}", Long.toString(syncJob))
                .replace("{hold}", Long.toString(hold)).replace("{sender}", sender);
        Response nobody = call(anonymous(), method, url, accept);
        assertThat(nobody.statusCode()).as("anonymous").isEqualTo(401);
        assertThat(nobody.contentType()).startsWith("application/json");
        assertThat(nobody.jsonPath().getInt("status")).isEqualTo(401);

        expect(call(as(ALICE), method, url, accept), moderator, "moderator");
        expect(call(as(CAROL), method, url, accept), auditor, "auditor");
        expect(call(as(IVAN), method, url, accept), importer, "importer");
        expect(call(as(CORA), method, url, accept), compliance, "compliance");
    }

    @Test
    void complianceSeesOnlyItsOwnConsolePage() {
        given().auth().preemptive().basic(CORA, "cora-demo").redirects().follow(false).get("/console/compliance")
                .then().statusCode(200);
        given().auth().preemptive().basic(CORA, "cora-demo").redirects().follow(false).get("/console/search").then()
                .statusCode(403);
        given().auth().preemptive().basic(ALICE, "alice-demo").redirects().follow(false).get("/console/compliance")
                .then().statusCode(403);
    }

    @Test
    void theImporterSeesNoConsolePage() {
        given().auth().preemptive().basic(IVAN, "ivan-demo").redirects().follow(false).get("/console/search").then()
                .statusCode(403);
        given().auth().preemptive().basic(IVAN, "ivan-demo").redirects().follow(false).get("/console/jobs").then()
                .statusCode(403);
    }

    @Test
    void wrongPasswordIsUnauthenticatedWithAChallengeForScripts() {
        given().auth().preemptive().basic(ALICE, "wrong").get("/api/recall-jobs").then().statusCode(401)
                .header("WWW-Authenticate", "Basic realm=\"MsgKey Recorder\"").body("status", equalTo(401));
        given().auth().preemptive().basic("mallory", "anything").get("/api/recall-jobs").then().statusCode(401);
        given().header("X-Requested-With", "fetch").get("/api/recall-jobs").then().statusCode(401)
                .header("WWW-Authenticate", nullValue());
    }

    @Test
    void forbiddenSaysWhoAndWhy() {
        as(CAROL).get("/api/messages?from=x").then().statusCode(403).contentType("application/json")
                .body("error", containsString("carol is not allowed"));
    }

    @Test
    void postsThatACrossSiteFormCouldSendAreRefused() {
        as(ALICE).contentType("application/x-www-form-urlencoded").post("/api/recall-jobs/" + job + "/cancel").then()
                .statusCode(415).body("status", equalTo(415));
        as(ALICE).contentType("text/plain").body("{}").post("/api/recall-jobs/" + job + "/confirm").then()
                .statusCode(415);
        assertThat(RecallJobs.get(ALICE, job).getString("state")).isEqualTo("AWAITING_CONFIRMATION");
        given().auth().preemptive().basic(ALICE, "alice-demo").header("X-Requested-With", "fetch")
                .post("/api/recall-jobs/" + job + "/confirm").then().statusCode(200);
    }

    @Test
    void callbackHealthMetricsAndOpenApiNeedNoLogin() {
        given().get("/q/health").then().statusCode(200);
        given().get("/q/metrics").then().statusCode(200);
        given().get("/q/openapi").then().statusCode(200);
    }

    @Test
    void largeJobNeedsASecondModerator() {
        String big = Messages.unique("big");
        for (int i = 0; i < 6; i++) {
            Messages.insert(dataSource, big, Messages.unique("to"), "k" + i, Instant.parse("2024-06-01T00:00:00Z"));
        }
        long id = RecallJobs.createFrom(ALICE, big);
        as(ALICE).get("/api/recall-jobs/" + id).then().statusCode(200)
                .body("approval.secondApproverRequired", equalTo(true)).body("approval.threshold", equalTo(5))
                .body("approval.notBy", equalTo(ALICE));

        as(ALICE).post("/api/recall-jobs/" + id + "/confirm").then().statusCode(409).body("error",
                equalTo("job " + id + " recalls 6 messages, more than 5: a moderator other than its creator (alice) "
                        + "must confirm it"));
        assertThat(RecallJobs.get(ALICE, id).getString("state")).isEqualTo("AWAITING_CONFIRMATION");
        as(BOB).post("/api/recall-jobs/" + id + "/confirm").then().statusCode(200).body("state", equalTo("RUNNING"))
                .body("confirmedBy", equalTo(BOB));
    }

    @Test
    void largeJobCannotBeSelfConfirmedAtCreation() {
        String big = Messages.unique("big-auto");
        for (int i = 0; i < 6; i++) {
            Messages.insert(dataSource, big, Messages.unique("to"), "k" + i, Instant.parse("2024-06-01T00:00:00Z"));
        }
        long jobs = Rows.count(dataSource, "SELECT count(*) FROM recall_job");
        as(ALICE).body("""
                {"filter": {"from": "%s"}, "reason": "spam", "confirm": true}""".formatted(big))
                .post("/api/recall-jobs").then().statusCode(409)
                .body("error", startsWith("job ")).body("error", containsString(" recalls 6 messages, more than 5. "
                        + "Create it without \"confirm\": true and ask another moderator"))
                .body("error", containsString("no job was created"));
        assertThat(Rows.count(dataSource, "SELECT count(*) FROM recall_job")).isEqualTo(jobs);
    }

    @Test
    void smallJobMayBeConfirmedByItsCreator() {
        as(ALICE).get("/api/recall-jobs/" + job).then().body("approval.secondApproverRequired", equalTo(false));
        as(ALICE).post("/api/recall-jobs/" + job + "/confirm").then().statusCode(200);
    }

    private static void expect(Response response, String expected, String role) {
        if (expected.equals("forbidden")) {
            assertThat(response.statusCode()).as(role).isEqualTo(403);
            assertThat(response.jsonPath().getInt("status")).isEqualTo(403);
        } else {
            assertThat(response.statusCode()).as(role + ": " + response.asString()).isNotIn(401, 403);
        }
    }

    private Response call(RequestSpecification request, String method, String url, String accept) {
        request.accept(accept);
        if (method.equals("POST")) {
            return request.body(url.endsWith("recall-jobs")
                    ? "{\"filter\": {\"from\": \"" + sender + "\"}, \"reason\": \"spam\"}"
                    : url.endsWith("sync-jobs") ? "{\"user\": \"" + sender + "\"}"
                            : url.endsWith("imports") ? Exchanges.sendmsg("acl").toString()
                                    : url.endsWith("legal-holds") ? "{\"user\": \"x\", \"reason\": \"acl\"}"
                                            : url.endsWith("erase") ? "{\"reason\": \"acl\"}" : "{}")
                    .post(url);
        }
        return request.get(url);
    }
}
