package io.msgkey.recorder.recall;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.msgkey.recorder.testing.Api.ALICE;
import static io.msgkey.recorder.testing.Api.BOB;
import static io.msgkey.recorder.testing.Api.CAROL;
import static io.msgkey.recorder.testing.Api.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

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
class RetryTest extends RecallEngineTestBase {

    @Test
    void aCompletedJobsFailedItemsAreSentAgain() {
        String sender = Messages.unique("retried");
        for (String key : new String[] { "fine", "down-1", "down-2" }) {
            Messages.insert(dataSource, sender, "v", key, Instant.parse("2024-08-01T00:00:00Z"));
        }
        tencent.stubFor(post(urlPathEqualTo(WITHDRAW)).willReturn(okJson(OK)));
        // a code this service does not know fails the message at once; a transient one, with nothing else answered
        // by then, would be taken for an outage (OutageGuard) and pause the job instead
        for (String key : new String[] { "down-1", "down-2" }) {
            tencent.stubFor(post(urlPathEqualTo(WITHDRAW)).withRequestBody(matchingJsonPath("$.MsgKey", equalTo(key)))
                    .willReturn(okJson("{\"ActionStatus\":\"FAIL\",\"ErrorInfo\":\"odd\",\"ErrorCode\":80099}")));
        }
        long job = RecallJobs.createFrom(ALICE, sender);
        as(ALICE).post("/api/recall-jobs/" + job + "/retry").then().statusCode(409)
                .body("error", containsString("only a completed job's failed items can be retried"));
        RecallJobs.confirm(BOB, job);
        worker.start();
        assertThat(RecallJobs.awaitState(job, "COMPLETED").getInt("counts.FAILED")).isEqualTo(2);

        tencent.resetAll();
        tencent.stubFor(post(urlPathEqualTo(WITHDRAW)).willReturn(okJson(OK)));
        as(CAROL).post("/api/recall-jobs/" + job + "/retry").then().statusCode(403);
        JsonPath retried = as(BOB).post("/api/recall-jobs/" + job + "/retry").then().statusCode(200).extract()
                .jsonPath();
        assertThat(retried.getString("state")).isEqualTo("RUNNING");
        assertThat(retried.getInt("counts.PENDING")).isEqualTo(2);
        assertThat(retried.getInt("counts.FAILED")).isZero();
        assertThat(retried.getString("completedAt")).isNull();

        JsonPath done = RecallJobs.awaitState(job, "COMPLETED");
        assertThat(done.getInt("counts.RECALLED")).isEqualTo(3);
        assertThat(RecallJobs.withdrawCallsByKey(tencent)).containsOnlyKeys("down-1", "down-2");
        assertThat(Rows.count(dataSource, "SELECT count(*) FROM audit_entry WHERE action = 'JOB_RETRIED' AND job_id = ? "
                + "AND actor = ? AND result_count = 2", job, BOB)).isEqualTo(1);
        as(BOB).post("/api/recall-jobs/" + job + "/retry").then().statusCode(409)
                .body("error", containsString("has no FAILED items to retry"));
        as(BOB).post("/api/recall-jobs/999999999/retry").then().statusCode(404);
        // the counts kept with the job moved with every settlement, the retry included
        Map<String, Object> byOutcome = new HashMap<>();
        Rows.query(dataSource, "SELECT outcome, count(*) AS n FROM recall_item WHERE job_id = ? GROUP BY outcome", job)
                .forEach(row -> byOutcome.put((String) row.get("outcome"), ((Number) row.get("n")).intValue()));
        assertThat(RecallJobs.get(CAROL, job).getMap("counts")).containsAllEntriesOf(byOutcome)
                .containsEntry("FAILED", 0).containsEntry("PENDING", 0);
    }

    @Test
    void aCancelledJobIsNotRunAgain() {
        String sender = Messages.unique("cancelled");
        Messages.insert(dataSource, sender, "v", "k", Instant.parse("2024-08-01T00:00:00Z"));
        long job = RecallJobs.createFrom(ALICE, sender);
        as(ALICE).post("/api/recall-jobs/" + job + "/cancel").then().statusCode(200);
        as(ALICE).post("/api/recall-jobs/" + job + "/retry").then().statusCode(409)
                .body("error", containsString("a cancelled job is not run again"));
    }
}
