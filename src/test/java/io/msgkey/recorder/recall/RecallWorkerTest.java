package io.msgkey.recorder.recall;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static io.msgkey.recorder.testing.Api.ALICE;
import static io.msgkey.recorder.testing.Api.BOB;
import static io.msgkey.recorder.testing.Api.as;
import static io.msgkey.recorder.testing.TencentCallbacks.AFTER_WITHDRAW;
import static io.msgkey.recorder.testing.TencentCallbacks.signed;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.inject.Inject;

import org.hamcrest.Matchers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;

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

@QuarkusTest
@WithTestResource(value = TencentStub.class, scope = TestResourceScope.GLOBAL)
class RecallWorkerTest {

    private static final String WITHDRAW = "/v4/openim/admin_msgwithdraw";
    private static final String OK = "{\"ActionStatus\":\"OK\",\"ErrorInfo\":\"\",\"ErrorCode\":0}";
    private static final Instant T0 = Instant.parse("2024-05-01T00:00:00Z");

    @Inject
    AgroalDataSource dataSource;

    @Inject
    RecallEngineLifecycle worker;

    @Inject
    RecallLedger ledger;

    @TencentStub.Inject
    WireMockServer tencent;

    private RecallEngine secondInstance;

    @BeforeEach
    void clean() {
        RecallJobs.settleEarlierJobs(dataSource);
        tencent.resetAll();
    }

    @AfterEach
    void stopWorkers() throws InterruptedException {
        worker.stop();
        if (secondInstance != null) {
            secondInstance.stop();
        }
    }

    @Test
    void confirmedJobRecallsEveryMessageOnceAndMarksThem() {
        tencent.stubFor(post(urlPathEqualTo(WITHDRAW)).willReturn(okJson(OK).withFixedDelay(100)));
        String sender = messages("spam", 8);
        long job = RecallJobs.createFrom(ALICE, sender);
        RecallJobs.confirm(BOB, job);

        worker.start();
        JsonPath done = RecallJobs.awaitState(job, "COMPLETED");

        assertThat(done.getInt("counts.RECALLED")).isEqualTo(8);
        assertThat(done.getString("completedAt")).isNotNull();
        assertThat(RecallJobs.withdrawCallsByKey(tencent)).hasSize(8).allSatisfy((key, calls) -> assertThat(calls)
                .isEqualTo(1));
        List<Map<String, Object>> items = RecallJobs.items(dataSource, job);
        assertThat(items).allSatisfy(item -> {
            assertThat(item).containsEntry("outcome", "RECALLED").containsEntry("attempts", 1)
                    .containsEntry("in_flight_since", null).containsEntry("lease_owner", null);
            assertThat(item.get("finished_at")).isNotNull();
        });
        assertThat(Rows.query(dataSource, "SELECT * FROM message WHERE from_account = ?", sender)).allSatisfy(m -> {
            assertThat(m).containsEntry("recall_source", "job").containsEntry("recall_job_id", job);
            assertThat(m.get("recalled_at")).isNotNull();
        });
        as(ALICE).queryParam("from", sender).queryParam("state", "recalled").get("/api/messages").then()
                .statusCode(200).body("items.size()", Matchers.equalTo(8));
        as(ALICE).body("""
                {"filter": {"from": "%s"}, "reason": "spam"}""".formatted(sender)).post("/api/recall-jobs").then()
                .statusCode(422);
    }

    @Test
    void everyOutcomeIsRecordedWithItsCode() {
        String sender = Messages.unique("outcomes");
        Map<String, Integer> codes = Map.of("not-found", 20022, "already", 20023, "invalid", 90054, "transient",
                91000, "unknown", 123456, "recalled", 0, "marked", 20023, "undelivered", 20022);
        codes.forEach((key, code) -> {
            Messages.insert(dataSource, sender, Messages.unique("to"), key, T0);
            tencent.stubFor(post(urlPathEqualTo(WITHDRAW)).withRequestBody(matchingJsonPath("$.MsgKey", equalTo(key)))
                    .willReturn(okJson("{\"ActionStatus\":\"%s\",\"ErrorInfo\":\"error %d\",\"ErrorCode\":%d}"
                            .formatted(code == 0 ? "OK" : "FAIL", code, code))));
        });
        long byJob = Messages.insert(dataSource, sender, Messages.unique("to"), "by-job", T0);
        Messages.insert(dataSource, sender, Messages.unique("to"), "flaky", T0);
        tencent.stubFor(post(urlPathEqualTo(WITHDRAW)).withRequestBody(matchingJsonPath("$.MsgKey", equalTo("flaky")))
                .inScenario("flaky").whenScenarioStateIs(STARTED)
                .willReturn(okJson("{\"ActionStatus\":\"FAIL\",\"ErrorInfo\":\"busy\",\"ErrorCode\":60004}"))
                .willSetStateTo("recovered"));
        tencent.stubFor(post(urlPathEqualTo(WITHDRAW)).withRequestBody(matchingJsonPath("$.MsgKey", equalTo("flaky")))
                .inScenario("flaky").whenScenarioStateIs("recovered").willReturn(okJson(OK)));

        long job = RecallJobs.createFrom(ALICE, sender);
        // marks from callbacks, after the freeze, do not spare the call; a recall by a job of this service does
        Messages.markRecalled(dataSource, messageId(sender, "marked"));
        Rows.execute(dataSource, "UPDATE message SET send_result = 80001 WHERE id = ?", messageId(sender, "undelivered"));
        Rows.execute(dataSource, "UPDATE message SET recalled_at = now(), recall_source = 'job', recall_job_id = 0 "
                + "WHERE id = ?", byJob);
        RecallJobs.confirm(BOB, job);
        assertThat(RecallJobs.get(ALICE, job).getInt("counts.PENDING")).isEqualTo(10);
        worker.start();
        JsonPath done = RecallJobs.awaitState(job, "COMPLETED");

        Map<String, Map<String, Object>> byKey = RecallJobs.items(dataSource, job).stream()
                .collect(Collectors.toMap(item -> (String) item.get("msg_key"), item -> item));
        assertOutcome(byKey.get("recalled"), "RECALLED", null, 1);
        assertOutcome(byKey.get("flaky"), "RECALLED", null, 2);
        assertOutcome(byKey.get("not-found"), "NOT_FOUND", 20022, 1);
        assertOutcome(byKey.get("already"), "ALREADY_RECALLED", 20023, 1);
        assertOutcome(byKey.get("invalid"), "INVALID", 90054, 1);
        assertOutcome(byKey.get("transient"), "FAILED", 91000, 5);
        assertOutcome(byKey.get("unknown"), "FAILED", 123456, 1);
        assertOutcome(byKey.get("marked"), "ALREADY_RECALLED", 20023, 1);
        assertOutcome(byKey.get("undelivered"), "NOT_FOUND", 20022, 1);
        assertOutcome(byKey.get("by-job"), "ALREADY_RECALLED", null, 0);
        assertThat(byKey.get("transient").get("last_error_info")).isEqualTo("error 91000");
        assertThat(byKey.get("not-found").get("last_attempt_at")).isNotNull();
        assertThat(RecallJobs.withdrawCallsByKey(tencent)).containsKeys("marked", "undelivered")
                .doesNotContainKey("by-job");
        assertThat(done.getMap("counts")).containsEntry("RECALLED", 2).containsEntry("FAILED", 2)
                .containsEntry("ALREADY_RECALLED", 3).containsEntry("NOT_FOUND", 2).containsEntry("INVALID", 1)
                .containsEntry("SKIPPED", 0).containsEntry("PENDING", 0);
        Map<String, Object> already = Rows.query(dataSource,
                "SELECT * FROM message WHERE from_account = ? AND msg_key = 'already'", sender).get(0);
        assertThat(already).containsEntry("recall_source", "tencent").containsEntry("recall_job_id", null);
    }

    @Test
    void configurationErrorPausesTheJobUntilConfirmedAgain() {
        tencent.stubFor(post(urlPathEqualTo(WITHDRAW)).willReturn(okJson(
                "{\"ActionStatus\":\"FAIL\",\"ErrorInfo\":\"Failed to parse the sig\",\"ErrorCode\":70009}")));
        String sender = messages("paused", 4);
        long job = RecallJobs.createFrom(ALICE, sender);
        RecallJobs.confirm(ALICE, job);
        worker.start();

        JsonPath paused = RecallJobs.awaitState(job, "PAUSED");
        assertThat(paused.getString("pauseReason")).contains("70009").contains("tencent.admin.secret-key");
        assertThat(paused.getString("pausedAt")).isNotNull();
        await().atMost(Duration.ofSeconds(10)).until(() -> Rows.count(dataSource,
                "SELECT count(*) FROM recall_item WHERE job_id = ? AND (in_flight_since IS NOT NULL "
                        + "OR lease_owner IS NOT NULL)",
                job) == 0);
        assertThat(RecallJobs.get(ALICE, job).getInt("counts.PENDING")).isEqualTo(4);
        assertThat(Rows.count(dataSource,
                "SELECT count(*) FROM audit_entry WHERE action = 'JOB_PAUSED' AND job_id = ? AND actor = 'system'",
                job)).isEqualTo(1);

        tencent.resetAll();
        tencent.stubFor(post(urlPathEqualTo(WITHDRAW)).willReturn(okJson(OK)));
        JsonPath resumed = RecallJobs.confirm(BOB, job);
        assertThat(resumed.getString("state")).isEqualTo("RUNNING");
        JsonPath done = RecallJobs.awaitState(job, "COMPLETED");
        assertThat(done.getInt("counts.RECALLED")).isEqualTo(4);
        assertThat(Rows.count(dataSource,
                "SELECT count(*) FROM audit_entry WHERE action = 'JOB_RESUMED' AND job_id = ? AND actor = ?", job,
                BOB)).isEqualTo(1);
    }

    @Test
    void cancellingARunningJobLetsCallsInFlightFinishAndSkipsTheRest() {
        tencent.stubFor(post(urlPathEqualTo(WITHDRAW)).willReturn(okJson(OK).withFixedDelay(1500)));
        String sender = messages("cancel", 400);
        long job = RecallJobs.createFrom(ALICE, sender);
        RecallJobs.confirm(BOB, job);
        worker.start();
        await().atMost(Duration.ofSeconds(10)).until(() -> Rows.count(dataSource,
                "SELECT count(*) FROM recall_item WHERE job_id = ? AND in_flight_since IS NOT NULL", job) > 20);

        as(ALICE).post("/api/recall-jobs/" + job + "/cancel").then().statusCode(200);
        await().atMost(Duration.ofSeconds(15)).until(() -> Rows.count(dataSource,
                "SELECT count(*) FROM recall_item WHERE job_id = ? AND outcome = 'PENDING'", job) == 0);

        JsonPath cancelled = RecallJobs.get(ALICE, job);
        assertThat(cancelled.getString("state")).isEqualTo("CANCELLED");
        int recalled = cancelled.getInt("counts.RECALLED");
        assertThat(recalled).isPositive().isLessThan(400);
        assertThat(recalled + cancelled.getInt("counts.SKIPPED")).isEqualTo(400);
        assertThat(RecallJobs.withdrawCallsByKey(tencent)).hasSize(recalled);
    }

    @Test
    void restartMidJobResumesWithoutSendingAnythingTwice() throws Exception {
        long job = quarterDoneJob("restart", worker::start);
        worker.stop();
        long recalledBeforeRestart = recalled(job);
        assertThat(recalledBeforeRestart).isBetween(100L, 399L);
        assertThat(Rows.count(dataSource, "SELECT count(*) FROM recall_item WHERE job_id = ? AND "
                + "(in_flight_since IS NOT NULL OR lease_owner IS NOT NULL)", job)).isZero();

        worker.start();
        RecallJobs.awaitState(job, "COMPLETED");

        assertThat(recalled(job)).isEqualTo(400);
        assertThat(RecallJobs.withdrawCallsByKey(tencent)).hasSize(400).allSatisfy((key, calls) -> assertThat(calls)
                .isEqualTo(1));
    }

    @Test
    void crashMidJobIsTakenOverOnceItsLeasesExpire() throws Exception {
        RecallEngine crashing = worker.newEngine();
        long job = quarterDoneJob("crash", crashing::start);
        crashing.abandon();
        Set<String> recordedBeforeCrash = new HashSet<>(Rows.query(dataSource,
                "SELECT msg_key FROM recall_item WHERE job_id = ? AND outcome = 'RECALLED'", job).stream()
                .map(row -> (String) row.get("msg_key")).toList());
        long leftInFlight = Rows.count(dataSource,
                "SELECT count(*) FROM recall_item WHERE job_id = ? AND in_flight_since IS NOT NULL", job);

        worker.start();
        RecallJobs.awaitState(job, "COMPLETED");

        Map<String, Long> calls = RecallJobs.withdrawCallsByKey(tencent);
        assertThat(recalled(job)).isEqualTo(400);
        assertThat(calls).hasSize(400);
        recordedBeforeCrash.forEach(key -> assertThat(calls.get(key)).as(key).isEqualTo(1));
        // only calls cut off by the crash, never recorded, are made again
        assertThat(calls.values().stream().filter(n -> n > 1).count()).isLessThanOrEqualTo(leftInFlight);
    }

    @Test
    void twoInstancesOnOneDatabaseNeverProcessTheSameItem() throws Exception {
        tencent.stubFor(post(urlPathEqualTo(WITHDRAW)).willReturn(okJson(OK).withFixedDelay(200)));
        String sender = messages("pair", 600);
        long job = RecallJobs.createFrom(ALICE, sender);
        RecallJobs.confirm(BOB, job);

        worker.start();
        secondInstance = worker.newEngine();
        secondInstance.start();
        await().atMost(Duration.ofSeconds(20)).until(() -> Rows.count(dataSource,
                "SELECT count(DISTINCT lease_owner) FROM recall_item WHERE job_id = ? AND lease_owner IS NOT NULL",
                job) == 2);
        RecallJobs.awaitState(job, "COMPLETED");

        assertThat(RecallJobs.withdrawCallsByKey(tencent)).hasSize(600).allSatisfy((key, calls) -> assertThat(calls)
                .isEqualTo(1));
        assertThat(recalled(job)).isEqualTo(600);
    }

    @Test
    void concurrentJobsShareTheRateEvenly() {
        tencent.stubFor(post(urlPathEqualTo(WITHDRAW)).willReturn(okJson(OK).withFixedDelay(100)));
        long first = RecallJobs.createFrom(ALICE, messages("fair-a", 500));
        long second = RecallJobs.createFrom(ALICE, messages("fair-b", 500));
        RecallJobs.confirm(BOB, first);
        RecallJobs.confirm(BOB, second);

        worker.start();
        await().atMost(Duration.ofSeconds(30)).until(() -> recalled(first) + recalled(second) >= 400);
        long a = recalled(first);
        long b = recalled(second);
        assertThat(Math.abs(a - b)).as("a=%d b=%d", a, b).isLessThanOrEqualTo(Math.max(a, b) / 4);
        assertThat(RecallJobs.get(ALICE, first).getDouble("currentRate")).isPositive();
    }

    @Test
    void recallEchoFromTencentConfirmsTheItem() {
        tencent.stubFor(post(urlPathEqualTo(WITHDRAW)).willReturn(okJson(OK)));
        String sender = messages("echo", 2);
        long job = RecallJobs.createFrom(ALICE, sender);
        RecallJobs.confirm(ALICE, job);
        worker.start();
        RecallJobs.awaitState(job, "COMPLETED");
        Map<String, Object> item = RecallJobs.items(dataSource, job).get(0);
        assertThat(item.get("confirmed_at")).isNull();

        postRecallEcho(item);

        List<Map<String, Object>> items = RecallJobs.items(dataSource, job);
        assertThat(items.get(0).get("confirmed_at")).isNotNull();
        assertThat(items.get(1).get("confirmed_at")).isNull();
        as(ALICE).get("/api/recall-jobs/" + job + "/items").then().statusCode(200)
                .body("items[0].confirmedAt", Matchers.notNullValue());
        Map<String, Object> message = Rows.query(dataSource, "SELECT * FROM message WHERE id = ?",
                item.get("message_id")).get(0);
        assertThat(message).containsEntry("recall_source", "job");
        assertThat(message.get("recall_reported_at")).isNotNull();
    }

    /** A running job of 400 messages, against a Tencent answering in 300 ms, once 100 of them are recalled. */
    private long quarterDoneJob(String name, Runnable startWorker) {
        tencent.stubFor(post(urlPathEqualTo(WITHDRAW)).willReturn(okJson(OK).withFixedDelay(300)));
        long job = RecallJobs.createFrom(ALICE, messages(name, 400));
        RecallJobs.confirm(BOB, job);
        startWorker.run();
        awaitRecalled(job, 100);
        return job;
    }

    @Test
    void itemsOfACancelledJobLeftInFlightByADeadWorkerEndWithAnUnknownOutcome() {
        long job = RecallJobs.createFrom(ALICE, messages("orphan", 3));
        RecallJobs.confirm(BOB, job);
        Rows.execute(dataSource, "UPDATE recall_item SET in_flight_since = now(), attempts = 1, lease_owner = 'dead', "
                + "lease_until = now() - interval '1 second' WHERE job_id = ?", job);
        as(ALICE).post("/api/recall-jobs/" + job + "/cancel").then().statusCode(200);
        assertThat(RecallJobs.get(ALICE, job).getInt("counts.PENDING")).isEqualTo(3);

        assertThat(ledger.settleOrphansOfCancelledJobs()).isEqualTo(3);

        assertThat(RecallJobs.items(dataSource, job)).allSatisfy(item -> {
            assertThat(item).containsEntry("outcome", "FAILED").containsEntry("lease_owner", null);
            assertThat((String) item.get("last_error_info")).contains("may or may not have taken effect");
        });
    }

    @Test
    void recallEchoLeavesItemsThatWereNotRecalledAlone() {
        String sender = messages("echo-skipped", 1);
        long job = RecallJobs.createFrom(ALICE, sender);
        as(ALICE).post("/api/recall-jobs/" + job + "/cancel").then().statusCode(200);
        Map<String, Object> item = RecallJobs.items(dataSource, job).get(0);

        postRecallEcho(item);

        assertThat(RecallJobs.items(dataSource, job).get(0)).containsEntry("outcome", "SKIPPED")
                .containsEntry("confirmed_at", null);
    }

    /** Tencent's C2C.CallbackAfterMsgWithDraw for the message of an item. */
    private static void postRecallEcho(Map<String, Object> item) {
        ObjectNode echo = TencentCallbacks.sample("c2c-after-msg-withdraw");
        echo.put("From_Account", (String) item.get("from_account"));
        echo.put("To_Account", (String) item.get("to_account"));
        echo.put("MsgKey", (String) item.get("msg_key"));
        signed(AFTER_WITHDRAW).body(echo.toString()).post().statusCode(200);
    }

    private String messages(String name, int count) {
        String sender = Messages.unique(name);
        Rows.execute(dataSource,
                """
                        INSERT INTO message (sdk_app_id, from_account, to_account, msg_key, msg_time, first_seen_at,
                            seen_after, send_result)
                        SELECT 1400000000, ?, 'victim-' || i, ? || '-' || i, CAST(? AS timestamptz) + i * interval '1 second', now(), true, 0
                        FROM generate_series(1, ?) AS i""",
                sender, sender, Timestamp.from(T0), count);
        return sender;
    }

    private long messageId(String sender, String msgKey) {
        return Rows.count(dataSource, "SELECT id FROM message WHERE from_account = ? AND msg_key = ?", sender, msgKey);
    }

    private long recalled(long job) {
        return Rows.count(dataSource, "SELECT count(*) FROM recall_item WHERE job_id = ? AND outcome = 'RECALLED'",
                job);
    }

    private void awaitRecalled(long job, long atLeast) {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(20))
                .until(() -> recalled(job) >= atLeast);
    }

    private static void assertOutcome(Map<String, Object> item, String outcome, Integer code, int attempts) {
        assertThat(item).as("%s", item.get("msg_key")).containsEntry("outcome", outcome)
                .containsEntry("last_error_code", code).containsEntry("attempts", attempts);
    }
}
