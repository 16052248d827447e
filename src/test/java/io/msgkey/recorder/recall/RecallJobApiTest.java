package io.msgkey.recorder.recall;

import static io.msgkey.recorder.testing.Api.ALICE;
import static io.msgkey.recorder.testing.Api.BOB;
import static io.msgkey.recorder.testing.Api.CAROL;
import static io.msgkey.recorder.testing.Api.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.github.tomakehurst.wiremock.WireMockServer;

import io.agroal.api.AgroalDataSource;
import io.msgkey.recorder.testing.Messages;
import io.msgkey.recorder.testing.RecallJobs;
import io.msgkey.recorder.testing.Rows;
import io.msgkey.recorder.testing.TencentStub;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

@QuarkusTest
@WithTestResource(value = TencentStub.class, scope = TestResourceScope.GLOBAL)
class RecallJobApiTest {

    private static final Instant T0 = Instant.parse("2024-04-01T08:00:00Z");

    @Inject
    AgroalDataSource dataSource;

    @TencentStub.Inject
    WireMockServer tencent;

    private String sender;

    @BeforeEach
    void messages() {
        RecallJobs.settleEarlierJobs(dataSource);
        tencent.resetAll();
        sender = Messages.unique("spammer");
        for (int i = 0; i < 3; i++) {
            Messages.insert(dataSource, sender, Messages.unique("victim"), "key-" + i, T0.plusSeconds(i));
        }
    }

    @Test
    void creationFreezesTheSelectionAndRecallsNothing() {
        JsonPath job = as(ALICE).body("""
                {"filter": {"from": "%s"}, "reason": "harassment", "reference": "ticket-123"}""".formatted(sender))
                .post("/api/recall-jobs").then().statusCode(201).extract().jsonPath();
        long id = job.getLong("id");
        assertThat(job.getString("state")).isEqualTo("AWAITING_CONFIRMATION");
        assertThat(job.getInt("total")).isEqualTo(3);
        assertThat(job.getLong("estimatedSeconds")).isEqualTo(1);
        assertThat(job.getString("reason")).isEqualTo("harassment");
        assertThat(job.getString("reference")).isEqualTo("ticket-123");
        assertThat(job.getString("createdBy")).isEqualTo(ALICE);
        assertThat(job.getString("filter.from")).isEqualTo(sender);
        assertThat(job.getString("filter.state")).isEqualTo("active");
        assertThat(job.getList("sample.msgKey", String.class)).containsExactly("key-2", "key-1", "key-0");
        assertThat(job.getList("sample.outcome", String.class)).containsOnly("PENDING");

        Messages.insert(dataSource, sender, Messages.unique("late"), "late", T0.plusSeconds(60));

        JsonPath later = RecallJobs.get(ALICE, id);
        assertThat(later.getInt("total")).isEqualTo(3);
        assertThat(later.getInt("counts.PENDING")).isEqualTo(3);
        assertThat(as(ALICE).get("/api/recall-jobs/" + id + "/items").then().statusCode(200).extract().jsonPath()
                .getList("items.msgKey", String.class)).containsExactly("key-2", "key-1", "key-0");
        assertThat(tencent.getAllServeEvents()).isEmpty();
    }

    @Test
    void thePreviewCountsTheMessagesOlderThanTencentsRoamingPeriod() {
        String mixed = Messages.unique("roaming");
        Instant now = Instant.now();
        Messages.insert(dataSource, mixed, "v", "recent", now.minus(Duration.ofDays(6)));
        Messages.insert(dataSource, mixed, "v", "old-1", now.minus(Duration.ofDays(8)));
        Messages.insert(dataSource, mixed, "v", "old-2", now.minus(Duration.ofDays(400)));

        long id = RecallJobs.create(ALICE, """
                {"filter": {"from": "%s"}, "reason": "spam"}""".formatted(mixed)).getLong("id");

        assertThat(RecallJobs.create(ALICE, """
                {"filter": {"from": "%s"}, "reason": "spam"}""".formatted(mixed)).getInt("olderThanRoaming"))
                .isEqualTo(2);
        assertThat(RecallJobs.get(CAROL, id).getInt("olderThanRoaming")).isEqualTo(2);
        assertThat(as(CAROL).get("/api/recall-jobs").then().extract().jsonPath().getList("items.olderThanRoaming"))
                .contains(2);
        assertThat(RecallJobs.get(ALICE, id).getInt("total")).isEqualTo(3);
        Messages.insert(dataSource, sender, "v", "young", now.minus(Duration.ofHours(1)));
        long other = RecallJobs.createFrom(ALICE, sender);
        assertThat(RecallJobs.get(ALICE, other).getInt("olderThanRoaming")).isEqualTo(3);
    }

    @Test
    void locationPointsAtTheJob() {
        var response = as(ALICE).body("""
                {"filter": {"from": "%s"}, "reason": "spam"}""".formatted(sender)).post("/api/recall-jobs");
        response.then().statusCode(201).header("Location",
                endsWith("/api/recall-jobs/" + response.jsonPath().getLong("id")));
    }

    @Test
    void emptySelectionIsRefusedAndCreatesNothing() {
        long jobs = Rows.count(dataSource, "SELECT count(*) FROM recall_job");
        as(ALICE).body("""
                {"filter": {"from": "nobody-%s"}, "reason": "spam"}""".formatted(sender)).post("/api/recall-jobs")
                .then().statusCode(422).body("parameter", equalTo("filter"));
        assertThat(Rows.count(dataSource, "SELECT count(*) FROM recall_job")).isEqualTo(jobs);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{}                                                              | filter",
            "{\"reason\": \"spam\"}                                          | filter",
            "{\"filter\": {\"from\": \"{s}\"}}                                | reason",
            "{\"filter\": {\"from\": \"{s}\"}, \"reason\": \"boredom\"}       | reason",
            "{\"filter\": {\"from\": \"{s}\"}, \"reason\": \"other\"}         | note",
            "{\"filter\": {\"from\": \"{s}\"}, \"reason\": \"other\", \"note\": \"  \"} | note",
            "{\"filter\": {\"from\": \"{s}\", \"state\": \"recalled\"}, \"reason\": \"spam\"} | filter.state",
            "{\"filter\": {\"from\": \"{s}\", \"state\": \"bogus\"}, \"reason\": \"spam\"} | state",
            "{\"filter\": {}, \"reason\": \"spam\"}                          | from",
            "{\"filter\": {\"peer\": \"{s}\"}, \"reason\": \"spam\"}          | peer",
            "{\"filter\": {\"from\": \"{s}\", \"since\": \"soon\"}, \"reason\": \"spam\"} | since",
            "{\"filter\": {\"from\": \"{s}\"}, \"reason\": \"spam\", \"confirm\": \"maybe\"} | confirm",
            "{\"filter\": {\"from\": \"{s}\"}, \"reason\": \"spam\", \"expectedTotal\": \"three\"} | expectedTotal",
            "{\"filter\": {\"user\": \"{s}\", \"Peer\": \"bob\"}, \"reason\": \"spam\"} | filter.Peer",
            "{\"filter\": {\"from\": \"{s}\"}, \"reason\": \"spam\", \"confrim\": true} | confrim",
            "{\"filter\": {\"from\": \"{s}\", \"since\": \"+300000-01-01T00:00:00Z\"}, \"reason\": \"spam\"} | since",
    })
    void badRequestsNameTheParameter(String body, String parameter) {
        as(ALICE).body(body.replace("{s}", sender)).post("/api/recall-jobs").then().statusCode(400)
                .body("status", equalTo(400)).body("parameter", equalTo(parameter));
    }

    @Test
    void malformedJsonIsABadRequest() {
        as(ALICE).body("{\"filter\": ").post("/api/recall-jobs").then().statusCode(400).body("status",
                equalTo(400));
    }

    @Test
    void otherWithANoteIsAccepted() {
        JsonPath job = RecallJobs.create(ALICE, """
                {"filter": {"from": "%s"}, "reason": "other", "note": "court order 42"}""".formatted(sender));
        assertThat(job.getString("note")).isEqualTo("court order 42");
    }

    @Test
    void expectedTotalGuardsCreationAndConfirmation() {
        long jobs = Rows.count(dataSource, "SELECT count(*) FROM recall_job");
        as(ALICE).body("""
                {"filter": {"from": "%s"}, "reason": "spam", "expectedTotal": 2}""".formatted(sender))
                .post("/api/recall-jobs").then().statusCode(409);
        assertThat(Rows.count(dataSource, "SELECT count(*) FROM recall_job")).isEqualTo(jobs);

        long id = RecallJobs.createFrom(ALICE, sender);
        as(BOB).body("{\"expectedTotal\": 4}").post("/api/recall-jobs/" + id + "/confirm").then().statusCode(409)
                .body("error", equalTo("job " + id + " recalls 3 messages, not 4"));
        assertThat(RecallJobs.get(ALICE, id).getString("state")).isEqualTo("AWAITING_CONFIRMATION");
        // a misspelt guard is refused, not skipped
        as(BOB).body("{\"expectedtotal\": 4}").post("/api/recall-jobs/" + id + "/confirm").then().statusCode(400)
                .body("parameter", equalTo("expectedtotal"));
        assertThat(RecallJobs.get(ALICE, id).getString("state")).isEqualTo("AWAITING_CONFIRMATION");
        as(BOB).body("{\"expectedTotal\": 3}").post("/api/recall-jobs/" + id + "/confirm").then().statusCode(200)
                .body("state", equalTo("RUNNING")).body("confirmedBy", equalTo(BOB));
    }

    @Test
    void confirmWithoutABody() {
        long id = RecallJobs.createFrom(ALICE, sender);
        as(ALICE).post("/api/recall-jobs/" + id + "/confirm").then().statusCode(200).body("state",
                equalTo("RUNNING"));
    }

    @Test
    void confirmAtCreationStartsAtOnce() {
        JsonPath job = RecallJobs.create(ALICE, """
                {"filter": {"from": "%s"}, "reason": "spam", "confirm": true}""".formatted(sender));
        assertThat(job.getString("state")).isEqualTo("RUNNING");
        assertThat(job.getString("confirmedBy")).isEqualTo(ALICE);
    }

    @Test
    void cancelSkipsWhatWasNotAttemptedAndIsFinal() {
        long id = RecallJobs.createFrom(ALICE, sender);
        RecallJobs.confirm(ALICE, id);
        JsonPath cancelled = as(BOB).post("/api/recall-jobs/" + id + "/cancel").then().statusCode(200).extract()
                .jsonPath();
        assertThat(cancelled.getString("state")).isEqualTo("CANCELLED");
        assertThat(cancelled.getString("cancelledBy")).isEqualTo(BOB);
        assertThat(cancelled.getInt("counts.SKIPPED")).isEqualTo(3);
        assertThat(cancelled.getInt("counts.PENDING")).isZero();
        as(BOB).post("/api/recall-jobs/" + id + "/cancel").then().statusCode(409);
        as(BOB).post("/api/recall-jobs/" + id + "/confirm").then().statusCode(409);
        assertThat(tencent.getAllServeEvents()).isEmpty();
    }

    @Test
    void awaitingJobCanBeCancelled() {
        long id = RecallJobs.createFrom(ALICE, sender);
        as(ALICE).post("/api/recall-jobs/" + id + "/cancel").then().statusCode(200).body("state",
                equalTo("CANCELLED"));
    }

    @Test
    void confirmingTwiceConflicts() {
        long id = RecallJobs.createFrom(ALICE, sender);
        RecallJobs.confirm(ALICE, id);
        as(ALICE).post("/api/recall-jobs/" + id + "/confirm").then().statusCode(409);
    }

    @Test
    void unknownJobIsNotFound() {
        as(ALICE).get("/api/recall-jobs/999999999").then().statusCode(404).body("status", equalTo(404));
        as(ALICE).post("/api/recall-jobs/999999999/confirm").then().statusCode(404);
        as(ALICE).post("/api/recall-jobs/999999999/cancel").then().statusCode(404);
        as(ALICE).get("/api/recall-jobs/999999999/items").then().statusCode(404);
    }

    @Test
    void jobsAreListedNewestFirstInPages() {
        long first = RecallJobs.createFrom(ALICE, sender);
        long second = RecallJobs.createFrom(ALICE, sender);
        long third = RecallJobs.createFrom(ALICE, sender);
        JsonPath page = as(CAROL).queryParam("limit", 2).get("/api/recall-jobs").then().statusCode(200).extract()
                .jsonPath();
        assertThat(page.getList("items.id", Long.class)).containsExactly(third, second);
        JsonPath next = as(CAROL).queryParam("limit", 2).queryParam("cursor", page.getString("nextCursor"))
                .get("/api/recall-jobs").then().statusCode(200).extract().jsonPath();
        assertThat(next.getList("items.id", Long.class)).startsWith(first);
    }

    @Test
    void itemsArePagedAndFilteredByOutcome() {
        for (int i = 3; i < 7; i++) {
            Messages.insert(dataSource, sender, Messages.unique("victim"), "key-" + i, T0.plusSeconds(i));
        }
        long id = RecallJobs.createFrom(ALICE, sender);
        JsonPath page = as(CAROL).queryParam("limit", 4).get("/api/recall-jobs/" + id + "/items").then()
                .statusCode(200).extract().jsonPath();
        assertThat(page.getList("items.msgKey", String.class)).containsExactly("key-6", "key-5", "key-4", "key-3");
        JsonPath rest = as(CAROL).queryParam("limit", 4).queryParam("cursor", page.getString("nextCursor"))
                .get("/api/recall-jobs/" + id + "/items").then().statusCode(200).extract().jsonPath();
        assertThat(rest.getList("items.msgKey", String.class)).containsExactly("key-2", "key-1", "key-0");
        assertThat(rest.getString("nextCursor")).isNull();
        as(CAROL).queryParam("outcome", "PENDING").get("/api/recall-jobs/" + id + "/items").then().statusCode(200)
                .body("items.size()", equalTo(7));
        as(CAROL).queryParam("outcome", "recalled").get("/api/recall-jobs/" + id + "/items").then().statusCode(200)
                .body("items.size()", equalTo(0)).body("nextCursor", nullValue());
        as(CAROL).queryParam("outcome", "GONE").get("/api/recall-jobs/" + id + "/items").then().statusCode(400)
                .body("parameter", equalTo("outcome"));
        as(CAROL).queryParam("limit", 4).queryParam("outcome", "PENDING").queryParam("cursor",
                page.getString("nextCursor")).get("/api/recall-jobs/" + id + "/items").then().statusCode(400)
                .body("parameter", equalTo("cursor"));
    }

    @Test
    void itemsExportAsCsvWithSpreadsheetFormulasDefused() {
        String formula = "=1+2" + Messages.unique("");
        Messages.insert(dataSource, formula, "victim, with comma", "csv-key", T0);
        long id = RecallJobs.createFrom(ALICE, formula);
        String csv = as(CAROL).accept("text/csv").get("/api/recall-jobs/" + id + "/items").then().statusCode(200)
                .contentType("text/csv").header("Content-Disposition", "attachment; filename=\"recall-job-" + id
                        + "-items.csv\"")
                .extract().asString();
        List<String> lines = csv.lines().toList();
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0)).isEqualTo("\"item_id\",\"message_id\",\"chat\",\"from_account\",\"to_account\","
                + "\"msg_key\",\"group_id\",\"topic_id\",\"msg_seq\",\"msg_time\",\"outcome\",\"attempts\",\"last_error_code\",\"last_error_info\",\"last_attempt_at\","
                + "\"finished_at\",\"confirmed_at\"");
        assertThat(lines.get(1)).contains(",\"c2c\",\"'=1+2").contains(
                ",\"victim, with comma\",\"csv-key\",\"\",\"\",\"\",\"2024-04-01T08:00:00Z\",\"PENDING\",\"0\",\"\",\"\",\"\",\"\",\"\"");
        assertThat(Rows.count(dataSource,
                "SELECT count(*) FROM audit_entry WHERE action = 'ITEMS_EXPORTED' AND job_id = ? AND actor = ?", id,
                CAROL)).isEqualTo(1);
    }
}
