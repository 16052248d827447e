package io.msgkey.recorder.sync;

import static io.msgkey.recorder.testing.Api.ALICE;
import static io.msgkey.recorder.testing.Api.CAROL;
import static io.msgkey.recorder.testing.Api.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.agroal.api.AgroalDataSource;
import io.msgkey.recorder.testing.Messages;
import io.msgkey.recorder.testing.Rows;
import io.msgkey.recorder.testing.SyncJobs;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** Creating, reading and listing sync jobs, with no engine running: nothing is fetched here. */
@QuarkusTest
class SyncJobApiTest {

    @Inject
    AgroalDataSource dataSource;

    @BeforeEach
    void clean() {
        SyncJobs.settleEarlierJobs(dataSource);
    }

    @Test
    void withoutTimesAJobCoversTheRoamingPeriodUpToNowAndStartsWithThePeersOfTheRecord() {
        String user = Messages.unique("sync-defaults");
        Messages.insert(dataSource, user, "peer-1", "k1", Instant.parse("2020-01-01T00:00:00Z"));
        Messages.insert(dataSource, "peer-2", user, "k2", Instant.parse("2021-01-01T00:00:00Z"));
        Messages.insert(dataSource, user, "peer-1", "k3", Instant.parse("2022-01-01T00:00:00Z"));
        Instant before = Instant.now();

        JsonPath job = SyncJobs.create(ALICE, "{\"user\": \"%s\"}".formatted(user));

        Instant until = Instant.parse(job.getString("until"));
        assertThat(until).isBetween(before, Instant.now());
        assertThat(Duration.between(Instant.parse(job.getString("since")), until)).isEqualTo(Duration.ofDays(7));
        assertThat(job.getString("state")).isEqualTo("RUNNING");
        assertThat(job.getString("createdBy")).isEqualTo(ALICE);
        assertThat(job.getString("peers")).isNull();
        assertThat(job.getMap("conversations")).containsEntry("total", 2).containsEntry("done", 0)
                .containsEntry("listComplete", false);
        assertThat(job.getMap("messages")).containsEntry("seen", 0).containsEntry("added", 0);
        assertThat(job.getString("finishedAt")).isNull();
        long id = job.getLong("id");
        as(CAROL).get("/api/sync-jobs/" + id).then().statusCode(200).body("user", equalTo(user));
        List<String> peers = as(CAROL).get("/api/sync-jobs/" + id + "/conversations").then().statusCode(200)
                .extract().jsonPath().getList("items.peer");
        assertThat(peers).containsExactly("peer-1", "peer-2");
        assertThat(Rows.query(dataSource, "SELECT * FROM audit_entry WHERE action = 'SYNC_CREATED' AND job_id = ?",
                id)).singleElement().satisfies(entry -> {
                    assertThat(entry).containsEntry("actor", ALICE).containsEntry("result_count", 2L);
                    assertThat(entry.get("filter").toString()).contains(user);
                });
    }

    @Test
    void jobsAreListedNewestFirstInPages() {
        long first = SyncJobs.create(ALICE, "{\"user\": \"%s\"}".formatted(Messages.unique("list"))).getLong("id");
        long second = SyncJobs.create(ALICE, "{\"user\": \"%s\"}".formatted(Messages.unique("list"))).getLong("id");

        JsonPath page = as(CAROL).queryParam("limit", 1).get("/api/sync-jobs").then().statusCode(200).extract()
                .jsonPath();
        assertThat(page.getLong("items[0].id")).isEqualTo(second);
        JsonPath next = as(CAROL).queryParam("limit", 1).queryParam("cursor", page.getString("nextCursor"))
                .get("/api/sync-jobs").then().statusCode(200).extract().jsonPath();
        assertThat(next.getLong("items[0].id")).isEqualTo(first);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "no user            | {}                                                      | user   | user is required",
            "empty user         | {\"user\": \"\"}                                        | user   | user must not be empty",
            "no peers           | {\"user\": \"x\", \"peers\": []}                        | peers  | must name at least one peer",
            "empty peer         | {\"user\": \"x\", \"peers\": [\"a\", \"\"]}             | peers[1] | peers[1] must not be empty",
            "since not ISO      | {\"user\": \"x\", \"since\": \"yesterday\"}             | since  | ISO-8601",
            "until before since | {\"user\": \"x\", \"since\": \"2024-05-02T00:00:00Z\", \"until\": \"2024-05-01T00:00:00Z\"} | until | until must be later than since",
            "unknown field      | {\"user\": \"x\", \"peer\": \"y\"}                      | peer   | unknown field peer",
            "wrong type         | {\"user\": \"x\", \"peers\": \"y\"}                     | peers  | wrong type",
    })
    void aBadRequestIsRefusedNamingTheField(String name, String body, String parameter, String message) {
        long jobs = Rows.count(dataSource, "SELECT count(*) FROM sync_job");
        as(ALICE).body(body).post("/api/sync-jobs").then().statusCode(400).body("parameter", equalTo(parameter))
                .body("error", containsString(message));
        assertThat(Rows.count(dataSource, "SELECT count(*) FROM sync_job")).isEqualTo(jobs);
    }

    @Test
    void tooManyPeersAreRefused() {
        StringBuilder peers = new StringBuilder();
        for (int i = 0; i <= SyncJobService.MAX_PEERS; i++) {
            peers.append(i == 0 ? "" : ",").append("\"p").append(i).append('"');
        }
        as(ALICE).body("{\"user\": \"x\", \"peers\": [" + peers + "]}").post("/api/sync-jobs").then().statusCode(400)
                .body("parameter", equalTo("peers")).body("error", containsString("at most 1000"));
    }

    @Test
    void anUnknownJobIsNotFoundAndAuditorsCannotStartOrStopJobs() {
        as(ALICE).get("/api/sync-jobs/999999").then().statusCode(404).body("error", equalTo("no sync job 999999"));
        as(ALICE).post("/api/sync-jobs/999999/cancel").then().statusCode(404);
        as(CAROL).body("{\"user\": \"x\"}").post("/api/sync-jobs").then().statusCode(403);
    }
}
