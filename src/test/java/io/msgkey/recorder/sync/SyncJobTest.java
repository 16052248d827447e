package io.msgkey.recorder.sync;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.msgkey.recorder.testing.Api.ALICE;
import static io.msgkey.recorder.testing.Api.BOB;
import static io.msgkey.recorder.testing.Api.IVAN;
import static io.msgkey.recorder.testing.Api.as;
import static io.msgkey.recorder.testing.TencentHistory.FIRST_MSG_TIME;
import static io.msgkey.recorder.testing.TencentHistory.GET_LIST;
import static io.msgkey.recorder.testing.TencentHistory.ROAM;
import static io.msgkey.recorder.testing.TencentHistory.messages;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;

import io.agroal.api.AgroalDataSource;
import io.msgkey.recorder.testing.Exchanges;
import io.msgkey.recorder.testing.Messages;
import io.msgkey.recorder.testing.Rows;
import io.msgkey.recorder.testing.SyncJobs;
import io.msgkey.recorder.testing.TencentHistory;
import io.msgkey.recorder.testing.TencentStub;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** Sync jobs against a WireMock Tencent: paging, what they record, and how they survive restarts and errors. */
@QuarkusTest
@WithTestResource(value = TencentStub.class, scope = TestResourceScope.GLOBAL)
class SyncJobTest {

    private static final String WINDOW = "\"since\": \"2023-11-01T00:00:00Z\", \"until\": \"2023-12-01T00:00:00Z\"";

    @Inject
    AgroalDataSource dataSource;

    @Inject
    SyncEngineLifecycle worker;

    @TencentStub.Inject
    WireMockServer tencent;

    private TencentHistory history;
    private SyncEngine secondInstance;

    @BeforeEach
    void clean() {
        SyncJobs.settleEarlierJobs(dataSource);
        tencent.resetAll();
        history = new TencentHistory(tencent, 2);
    }

    @AfterEach
    void stopWorkers() throws InterruptedException {
        worker.stop();
        if (secondInstance != null) {
            secondInstance.stop();
        }
    }

    @Test
    void everyConversationOfTheRecordAndOfTencentsListIsFetchedPageByPage() {
        String user = Messages.unique("sync-user");
        String a = Messages.unique("a");
        String b = Messages.unique("b");
        String d = Messages.unique("d");
        Messages.insert(dataSource, user, a, a + "-1", Instant.ofEpochSecond(FIRST_MSG_TIME + 1));
        Messages.insert(dataSource, b, user, b + "-old", Instant.parse("2023-01-01T00:00:00Z"));
        importBatchMessage(user, a, a + "-3");
        history.conversation(a, messages(user, a, 5, 4));
        history.conversation(b, List.of());
        history.conversation(d, messages(user, d, 3));
        history.contacts(user, List.of(a), List.of(d));

        long job = SyncJobs.create(ALICE, "{\"user\": \"%s\", %s}".formatted(user, WINDOW)).getLong("id");
        worker.start();
        JsonPath done = SyncJobs.awaitState(job, "COMPLETED");

        assertThat(done.getMap("conversations")).containsEntry("total", 3).containsEntry("done", 3)
                .containsEntry("failed", 0).containsEntry("listComplete", true);
        assertThat(done.getMap("messages")).containsEntry("seen", 8).containsEntry("added", 6)
                .containsEntry("alreadyKnown", 2).containsEntry("recalledAtTencent", 1);
        assertThat(done.getString("user")).isEqualTo(user);
        assertThat(done.getString("finishedAt")).isNotNull();
        assertThat(done.getString("error")).isNull();
        assertThat(conversations(job)).containsEntry(a, "record").containsEntry(b, "record").containsEntry(d,
                "tencent");
        assertThat(history.roamCallsByPage()).hasSize(6).allSatisfy((page, calls) -> assertThat(calls).isEqualTo(1));
        assertThat(history.calls(GET_LIST)).isEqualTo(2);
        JsonNode first = history.roamBodies().stream().filter(body -> !body.has("LastMsgKey")).findFirst().orElseThrow();
        assertThat(first.get("Operator_Account").asText()).isEqualTo(user);
        assertThat(first.get("MinTime").asLong()).isEqualTo(Instant.parse("2023-11-01T00:00:00Z").getEpochSecond());
        assertThat(first.get("MaxTime").asLong()).isEqualTo(Instant.parse("2023-12-01T00:00:00Z").getEpochSecond() - 1);

        Map<String, Map<String, Object>> rows = rowsByKey(user);
        assertThat(rows).containsKeys(a + "-1", a + "-2", a + "-3", a + "-4", a + "-5", d + "-1", d + "-2", d + "-3");
        assertThat(rows.get(a + "-2")).containsEntry("source", "tencent_sync").containsEntry("from_account", a)
                .containsEntry("to_account", user).containsEntry("msg_random", 7L)
                .containsEntry("msg_time", Instant.ofEpochSecond(FIRST_MSG_TIME + 2)).containsEntry("recalled_at", null);
        assertThat(rows.get(a + "-4")).containsEntry("recall_source", "tencent");
        assertThat(rows.get(a + "-4").get("recalled_at")).isNotNull();
        assertThat(rows.get(a + "-1")).containsEntry("source", "callback");
        assertThat(rows.get(a + "-3")).as("the batch import's stand-in time is replaced by Tencent's")
                .containsEntry("source", "import").containsEntry("msg_time_estimated", false)
                .containsEntry("msg_time", Instant.ofEpochSecond(FIRST_MSG_TIME + 3));
        assertThat(Rows.count(dataSource, "SELECT count(*) FROM audit_entry WHERE action = 'SYNC_CREATED' "
                + "AND job_id = ? AND actor = ?", job, ALICE)).isEqualTo(1);
        assertThat(Rows.count(dataSource, "SELECT count(*) FROM audit_entry WHERE action = 'SYNC_COMPLETED' "
                + "AND job_id = ? AND actor = 'system' AND result_count = 6", job)).isEqualTo(1);
    }

    @Test
    void peersGivenAreTheOnlyConversationsAndTheListIsNotRead() {
        String user = Messages.unique("sync-given");
        String peer = Messages.unique("p");
        Messages.insert(dataSource, user, Messages.unique("other"), "k", Instant.ofEpochSecond(FIRST_MSG_TIME));
        history.conversation(peer, messages(user, peer, 3));

        long job = SyncJobs.create(ALICE, "{\"user\": \"%s\", \"peers\": [\"%s\", \"%s\"], %s}".formatted(user, peer,
                peer, WINDOW)).getLong("id");
        worker.start();
        try {
            Thread.sleep(3000);
        } catch (Exception e) {
        }
        System.out.println("NEARMISS " + tencent.findNearMissesForAllUnmatchedRequests());
        JsonPath done = SyncJobs.awaitState(job, "COMPLETED");

        assertThat(done.getList("peers")).containsExactly(peer);
        assertThat(done.getInt("conversations.total")).isEqualTo(1);
        assertThat(done.getInt("messages.added")).isEqualTo(3);
        assertThat(conversations(job)).containsExactly(Map.entry(peer, "request"));
        assertThat(history.calls(GET_LIST)).isZero();
    }

    @Test
    void restartMidJobResumesFromTheLastRecordedPageAndFetchesNoPageTwice() throws Exception {
        String user = Messages.unique("sync-restart");
        long job = slowJob(user, 8, 12);
        worker.start();
        awaitPages(job, 20);

        worker.stop();
        long recordedAtStop = SyncJobs.pagesRecorded(dataSource, job);
        assertThat(recordedAtStop).isBetween(20L, 8L * 6 - 1);
        assertThat(Rows.count(dataSource, "SELECT count(*) FROM sync_conversation WHERE job_id = ? AND "
                + "lease_owner IS NOT NULL", job)).isZero();
        assertThat(SyncJobs.get(job).getString("state")).isEqualTo("RUNNING");

        worker.start();
        JsonPath done = SyncJobs.awaitState(job, "COMPLETED");

        assertThat(history.roamCallsByPage()).hasSize(8 * 6).allSatisfy((page, calls) -> assertThat(calls)
                .as(page).isEqualTo(1));
        assertThat(done.getInt("messages.seen")).isEqualTo(8 * 12);
        assertThat(done.getInt("messages.added")).isEqualTo(8 * 12);
        assertThat(Rows.count(dataSource, "SELECT count(*) FROM message WHERE from_account = ? OR to_account = ?",
                user, user)).isEqualTo(8 * 12);
    }

    @Test
    void crashMidJobIsTakenOverOnceItsLeasesExpireAndCountsStayExact() throws Exception {
        String user = Messages.unique("sync-crash");
        SyncEngine crashing = worker.newEngine();
        long job = slowJob(user, 6, 12);
        crashing.start();
        awaitPages(job, 12);
        crashing.abandon();
        List<String> recordedBeforeCrash = recordedPages(job, 12);
        Map<String, Long> callsBeforeCrash = history.roamCallsByPage();

        worker.start();
        JsonPath done = SyncJobs.awaitState(job, "COMPLETED");

        Map<String, Long> calls = history.roamCallsByPage();
        assertThat(calls).hasSize(6 * 6);
        assertThat(recordedBeforeCrash).hasSizeBetween(12, 6 * 6 - 1);
        // a page recorded before the crash is never asked for again; only those cut off by it are
        recordedBeforeCrash.forEach(page -> assertThat(calls.get(page)).as(page).isEqualTo(callsBeforeCrash.get(page)));
        assertThat(done.getInt("messages.seen")).isEqualTo(6 * 12);
        assertThat(done.getInt("messages.added")).isEqualTo(6 * 12);
        assertThat(done.getInt("messages.alreadyKnown")).isZero();
    }

    @Test
    void cancellingSkipsWhatIsNotFetchedAndStopsCallingTencent() {
        String user = Messages.unique("sync-cancel");
        long job = slowJob(user, 8, 40);
        worker.start();
        awaitPages(job, 8);

        JsonPath cancelled = as(BOB).post("/api/sync-jobs/" + job + "/cancel").then().statusCode(200).extract()
                .jsonPath();
        long callsAtCancel = history.calls(ROAM);

        assertThat(cancelled.getString("state")).isEqualTo("CANCELLED");
        assertThat(cancelled.getString("cancelledBy")).isEqualTo(BOB);
        await().atMost(Duration.ofSeconds(5)).until(() -> Rows.count(dataSource,
                "SELECT count(*) FROM sync_conversation WHERE job_id = ? AND lease_owner IS NOT NULL", job) == 0);
        assertThat(Rows.count(dataSource, "SELECT count(*) FROM sync_conversation WHERE job_id = ? AND state = "
                + "'SKIPPED'", job)).isEqualTo(8);
        sleep(1000);
        long settled = history.calls(ROAM);
        // each lane finishes the page it was fetching, and at most the one it asked for while recording the last
        assertThat(settled - callsAtCancel).isLessThanOrEqualTo(2 * 8);
        sleep(1000);
        assertThat(history.calls(ROAM)).isEqualTo(settled);
        assertThat(SyncJobs.get(job).getString("state")).isEqualTo("CANCELLED");
        as(BOB).post("/api/sync-jobs/" + job + "/cancel").then().statusCode(409);
        assertThat(Rows.count(dataSource, "SELECT count(*) FROM audit_entry WHERE action = 'SYNC_CANCELLED' AND "
                + "job_id = ? AND actor = ? AND result_count = 8", job, BOB)).isEqualTo(1);
    }

    @Test
    void aCredentialErrorPausesTheJobWithTheReasonUntilResumed() {
        String user = Messages.unique("sync-paused");
        String peer = Messages.unique("p");
        tencent.stubFor(post(urlPathEqualTo(ROAM)).willReturn(okJson(
                "{\"ActionStatus\":\"FAIL\",\"ErrorInfo\":\"Failed to verify the sig\",\"ErrorCode\":70003}")));
        long job = SyncJobs.create(ALICE, "{\"user\": \"%s\", \"peers\": [\"%s\"], %s}".formatted(user, peer,
                WINDOW)).getLong("id");
        worker.start();

        JsonPath paused = SyncJobs.awaitState(job, "PAUSED");
        assertThat(paused.getString("error")).contains("70003").contains("tencent.admin.secret-key");
        assertThat(paused.getString("pausedAt")).isNotNull();
        await().atMost(Duration.ofSeconds(5)).until(() -> Rows.count(dataSource,
                "SELECT count(*) FROM sync_conversation WHERE job_id = ? AND lease_owner IS NULL "
                        + "AND state = 'PENDING' AND attempts = 0",
                job) == 1);
        assertThat(Rows.count(dataSource, "SELECT count(*) FROM audit_entry WHERE action = 'SYNC_PAUSED' AND "
                + "job_id = ? AND actor = 'system'", job)).isEqualTo(1);

        tencent.resetAll();
        history.conversation(peer, messages(user, peer, 3));
        JsonPath resumed = as(BOB).post("/api/sync-jobs/" + job + "/resume").then().statusCode(200).extract()
                .jsonPath();
        assertThat(resumed.getString("state")).isEqualTo("RUNNING");
        assertThat(resumed.getString("error")).isNull();
        JsonPath done = SyncJobs.awaitState(job, "COMPLETED");
        assertThat(done.getInt("messages.added")).isEqualTo(3);
        as(BOB).post("/api/sync-jobs/" + job + "/resume").then().statusCode(409);
        assertThat(Rows.count(dataSource, "SELECT count(*) FROM audit_entry WHERE action = 'SYNC_RESUMED' AND "
                + "job_id = ? AND actor = ?", job, BOB)).isEqualTo(1);
    }

    @Test
    void aCredentialErrorOnTheConversationListPausesTheJobToo() {
        String user = Messages.unique("sync-list-paused");
        tencent.stubFor(post(urlPathEqualTo(GET_LIST)).willReturn(okJson(
                "{\"ActionStatus\":\"FAIL\",\"ErrorInfo\":\"identifier is not admin\",\"ErrorCode\":90009}")));
        long job = SyncJobs.create(ALICE, "{\"user\": \"%s\", %s}".formatted(user, WINDOW)).getLong("id");
        worker.start();

        JsonPath paused = SyncJobs.awaitState(job, "PAUSED");

        assertThat(paused.getString("error")).contains("90009").contains("not an app admin account");
        assertThat(paused.getBoolean("conversations.listComplete")).isFalse();
    }

    @Test
    void aConversationTencentKeepsFailingEndsTheJobFailedSayingWhich() {
        String user = Messages.unique("sync-failing");
        String good = Messages.unique("good");
        String bad = Messages.unique("bad");
        history.conversation(good, messages(user, good, 3));
        tencent.stubFor(post(urlPathEqualTo(ROAM)).withRequestBody(matchingJsonPath("$.Peer_Account", equalTo(bad)))
                .willReturn(okJson("{\"ActionStatus\":\"FAIL\",\"ErrorInfo\":\"busy\",\"ErrorCode\":91000}")));
        long job = SyncJobs.create(ALICE, "{\"user\": \"%s\", \"peers\": [\"%s\", \"%s\"], %s}".formatted(user, good,
                bad, WINDOW)).getLong("id");
        worker.start();

        JsonPath failed = SyncJobs.awaitState(job, "FAILED");

        assertThat(failed.getMap("conversations")).containsEntry("total", 2).containsEntry("done", 1)
                .containsEntry("failed", 1);
        assertThat(failed.getString("error")).contains("1 of 2 conversations").contains(bad).contains("91000");
        assertThat(failed.getInt("messages.added")).isEqualTo(3);
        // the client's own retries (1 + 4) for each of the two tries sync.worker.max-attempts allows in the tests
        assertThat(history.roamCallsByPage().get(bad + "|first")).isEqualTo(10);
        List<Map<String, Object>> conversations = as(ALICE).get("/api/sync-jobs/" + job + "/conversations").then()
                .statusCode(200).extract().jsonPath().getList("items");
        assertThat(conversations).filteredOn(c -> bad.equals(c.get("peer"))).singleElement().satisfies(c -> {
            assertThat(c).containsEntry("state", "FAILED").containsEntry("attempts", 2);
            assertThat((String) c.get("lastError")).contains("91000");
        });
        assertThat(Rows.count(dataSource, "SELECT count(*) FROM audit_entry WHERE action = 'SYNC_FAILED' AND "
                + "job_id = ?", job)).isEqualTo(1);
    }

    @Test
    void twoJobsOverOneConversationFromBothSidesAddEachMessageOnce() throws Exception {
        String x = Messages.unique("x");
        String y = Messages.unique("y");
        history.delay(20);
        history.conversation(y, messages(x, y, 40));
        history.conversation(x, messages(x, y, 40));
        long first = SyncJobs.create(ALICE, "{\"user\": \"%s\", \"peers\": [\"%s\"], %s}".formatted(x, y, WINDOW))
                .getLong("id");
        long second = SyncJobs.create(ALICE, "{\"user\": \"%s\", \"peers\": [\"%s\"], %s}".formatted(y, x, WINDOW))
                .getLong("id");
        worker.start();
        secondInstance = worker.newEngine();
        secondInstance.start();

        JsonPath a = SyncJobs.awaitState(first, "COMPLETED");
        JsonPath b = SyncJobs.awaitState(second, "COMPLETED");

        assertThat(a.getInt("messages.seen")).isEqualTo(40);
        assertThat(b.getInt("messages.seen")).isEqualTo(40);
        assertThat(a.getInt("messages.added") + b.getInt("messages.added")).isEqualTo(40);
        assertThat(a.getInt("messages.alreadyKnown") + b.getInt("messages.alreadyKnown")).isEqualTo(40);
        assertThat(Rows.count(dataSource, "SELECT count(*) FROM message WHERE from_account IN (?, ?)", x, y))
                .isEqualTo(40);
    }

    /** A job over {@code conversations} peers of {@code messages} each, two to a page, at 150 ms a page. */
    private long slowJob(String user, int conversations, int messages) {
        history.delay(150);
        List<String> peers = new ArrayList<>();
        for (int i = 0; i < conversations; i++) {
            String peer = Messages.unique("p" + i);
            peers.add("\"" + peer + "\"");
            history.conversation(peer, messages(user, peer, messages));
        }
        return SyncJobs.create(ALICE, "{\"user\": \"%s\", \"peers\": [%s], %s}".formatted(user,
                String.join(", ", peers), WINDOW)).getLong("id");
    }

    /** The (peer, LastMsgKey) of each page recorded so far, for conversations of two messages a page. */
    private List<String> recordedPages(long job, int messagesPerConversation) {
        List<String> pages = new ArrayList<>();
        for (Map<String, Object> row : Rows.query(dataSource,
                "SELECT peer, pages FROM sync_conversation WHERE job_id = ?", job)) {
            String peer = (String) row.get("peer");
            int recorded = (Integer) row.get("pages");
            for (int page = 0; page < recorded; page++) {
                pages.add(peer + "|" + (page == 0 ? "first" : peer + "-" + (messagesPerConversation + 1 - 2 * page)));
            }
        }
        return pages;
    }

    private void awaitPages(long job, long atLeast) {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(20))
                .until(() -> SyncJobs.pagesRecorded(dataSource, job) >= atLeast);
    }

    private void importBatchMessage(String from, String to, String msgKey) {
        ObjectNode exchange = Exchanges.batchsendmsg("sync", to);
        ((ObjectNode) exchange.get("request")).put("From_Account", from);
        ((ObjectNode) exchange.get("response")).put("MsgKey", msgKey);
        as(IVAN).body(exchange.toString()).post("/api/imports").then().statusCode(200);
    }

    private Map<String, String> conversations(long job) {
        List<Map<String, Object>> items = as(ALICE).get("/api/sync-jobs/" + job + "/conversations").then()
                .statusCode(200).extract().jsonPath().getList("items");
        return items.stream().collect(Collectors.toMap(c -> (String) c.get("peer"), c -> (String) c.get("foundBy")));
    }

    private Map<String, Map<String, Object>> rowsByKey(String user) {
        return Rows.query(dataSource, "SELECT * FROM message WHERE from_account = ? OR to_account = ?", user, user)
                .stream().collect(Collectors.toMap(row -> (String) row.get("msg_key"), Function.identity()));
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
