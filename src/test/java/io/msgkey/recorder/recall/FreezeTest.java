package io.msgkey.recorder.recall;

import static io.msgkey.recorder.testing.Api.ALICE;
import static io.msgkey.recorder.testing.Api.BOB;
import static io.msgkey.recorder.testing.Api.as;
import static io.msgkey.recorder.testing.TencentCallbacks.AFTER_SEND;
import static io.msgkey.recorder.testing.TencentCallbacks.signed;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.agroal.api.AgroalDataSource;
import io.msgkey.recorder.testing.Messages;
import io.msgkey.recorder.testing.RecallJobs;
import io.msgkey.recorder.testing.Rows;
import io.msgkey.recorder.testing.TencentCallbacks;
import io.msgkey.recorder.testing.TencentStub;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

/** Selections bigger than a chunk (5,000 in tests) are frozen in the background, bounded by the request. */
@QuarkusTest
@WithTestResource(value = TencentStub.class, scope = TestResourceScope.GLOBAL)
class FreezeTest {

    private static final Instant T0 = Instant.parse("2024-03-01T00:00:00Z");

    @Inject
    AgroalDataSource dataSource;

    @Inject
    RecallFreezer freezer;

    @BeforeEach
    void clean() {
        RecallJobs.settleEarlierJobs(dataSource);
    }

    @AfterEach
    void freezerRuns() {
        freezer.start();
    }

    @Test
    void aHundredThousandMessagesFreezeInTheBackgroundWhileCallbacksAreAnsweredAndLeftOut() {
        String sender = messages("bulk", 100_000);
        Response created = as(ALICE).body("""
                {"filter": {"from": "%s"}, "reason": "spam"}""".formatted(sender)).post("/api/recall-jobs");
        created.then().statusCode(202).body("state", equalTo("FREEZING")).body("frozen", equalTo(5000));
        long job = created.jsonPath().getLong("id");

        List<Long> answeredInMillis = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            ObjectNode late = TencentCallbacks.sample("c2c-after-send");
            late.put("From_Account", sender);
            late.put("MsgKey", "late-" + i);
            // inside the selection's time range, where the freeze has not been yet
            late.put("MsgTime", T0.plusSeconds(1_000 + i).getEpochSecond());
            long start = System.nanoTime();
            signed(AFTER_SEND).body(late.toString()).post().statusCode(200);
            answeredInMillis.add((System.nanoTime() - start) / 1_000_000);
        }

        JsonPath frozen = RecallJobs.awaitState(job, "AWAITING_CONFIRMATION");

        assertThat(answeredInMillis).allSatisfy(millis -> assertThat(millis).isLessThan(1000));
        assertThat(Rows.count(dataSource, "SELECT count(*) FROM message WHERE from_account = ? AND msg_key LIKE "
                + "'late-%'", sender)).as("the callbacks were stored").isEqualTo(30);
        assertThat(frozen.getInt("total")).isEqualTo(100_000);
        assertThat(frozen.getMap("counts")).containsEntry("PENDING", 100_000);
        assertThat(Rows.count(dataSource, "SELECT count(DISTINCT message_id) FROM recall_item WHERE job_id = ?", job))
                .isEqualTo(100_000);
        assertThat(Rows.count(dataSource, "SELECT count(*) FROM recall_item WHERE job_id = ? AND msg_key LIKE "
                + "'late-%'", job)).isZero();
        assertThat(frozen.getString("frozen")).isNull();
        assertThat(as(ALICE).queryParam("limit", 3).get("/api/recall-jobs/" + job + "/items").then().extract()
                .jsonPath().getList("items.msgKey", String.class)).containsExactly(sender + "-100000",
                        sender + "-99999", sender + "-99998");
        assertThat(Rows.count(dataSource, "SELECT count(*) FROM audit_entry WHERE action = 'JOB_FROZEN' AND job_id = ? "
                + "AND result_count = 100000", job)).isEqualTo(1);
        // four-eyes on the frozen total
        as(ALICE).post("/api/recall-jobs/" + job + "/confirm").then().statusCode(409);
        RecallJobs.confirm(BOB, job);
    }

    @Test
    void aFreezeCutOffByACrashIsResumedFromItsLastChunk() throws InterruptedException {
        freezer.stop();
        String sender = messages("resumed", 12_345);
        long job = createFreezing(sender);
        Rows.execute(dataSource, "UPDATE recall_job SET freeze_owner = 'dead', freeze_lease_until = now() "
                + "+ interval '1 second' WHERE id = ?", job);
        as(BOB).post("/api/recall-jobs/" + job + "/confirm").then().statusCode(409)
                .body("error", containsString("still freezing its selection (5000 messages so far)"));
        assertThat(RecallJobs.get(ALICE, job).getInt("frozen")).isEqualTo(5000);
        freezer.start();

        JsonPath frozen = RecallJobs.awaitState(job, "AWAITING_CONFIRMATION");

        assertThat(frozen.getInt("total")).isEqualTo(12_345);
        assertThat(Rows.count(dataSource, "SELECT count(DISTINCT message_id) FROM recall_item WHERE job_id = ?", job))
                .isEqualTo(12_345);
    }

    @Test
    void aFreezingJobCanBeCancelled() throws InterruptedException {
        freezer.stop();
        long job = createFreezing(messages("cancelled", 12_000));

        as(BOB).post("/api/recall-jobs/" + job + "/cancel").then().statusCode(200).body("state",
                equalTo("CANCELLED")).body("counts.SKIPPED", equalTo(5000));
        freezer.start();
        freezer.wake();

        Thread.sleep(500);
        assertThat(RecallJobs.get(ALICE, job).getString("state")).isEqualTo("CANCELLED");
        assertThat(Rows.count(dataSource, "SELECT count(*) FROM recall_item WHERE job_id = ?", job)).isEqualTo(5000);
    }

    @Test
    void guardsThatNeedTheTotalAreRefusedForABackgroundFreeze() {
        String sender = messages("guarded", 6_000);
        long jobs = Rows.count(dataSource, "SELECT count(*) FROM recall_job");
        as(ALICE).body("""
                {"filter": {"from": "%s"}, "reason": "spam", "confirm": true}""".formatted(sender))
                .post("/api/recall-jobs").then().statusCode(409).body("error", containsString("background"));
        as(ALICE).body("""
                {"filter": {"from": "%s"}, "reason": "spam", "expectedTotal": 6000}""".formatted(sender))
                .post("/api/recall-jobs").then().statusCode(409);
        assertThat(Rows.count(dataSource, "SELECT count(*) FROM recall_job")).isEqualTo(jobs);
    }

    private long createFreezing(String sender) {
        Response created = as(ALICE).body("""
                {"filter": {"from": "%s"}, "reason": "spam"}""".formatted(sender)).post("/api/recall-jobs");
        created.then().statusCode(202).body("state", equalTo("FREEZING"));
        return created.jsonPath().getLong("id");
    }

    private String messages(String name, int count) {
        String sender = Messages.unique(name);
        Rows.execute(dataSource, """
                INSERT INTO message (sdk_app_id, from_account, to_account, msg_key, msg_time, first_seen_at,
                    seen_after, send_result)
                SELECT 1400000000, ?, 'victim-' || (i % 500), ? || '-' || i,
                    CAST(? AS timestamptz) + i * interval '1 second', now(), true, 0
                FROM generate_series(1, ?) AS i""", sender, sender, Timestamp.from(T0), count);
        return sender;
    }
}
