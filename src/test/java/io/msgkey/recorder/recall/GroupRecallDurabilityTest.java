package io.msgkey.recorder.recall;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.msgkey.recorder.testing.Api.ALICE;
import static io.msgkey.recorder.testing.Api.BOB;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import io.msgkey.recorder.testing.GroupMessages;
import io.msgkey.recorder.testing.GroupRecallAnswers;
import io.msgkey.recorder.testing.Messages;
import io.msgkey.recorder.testing.RecallJobs;
import io.msgkey.recorder.testing.Rows;
import io.msgkey.recorder.testing.TencentStub;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Group items keep the one-to-one durability rules: a restart resumes a job where it stopped, a crashed instance's
 * items are taken over once their leases run out, and no MsgSeq is sent again after its success was recorded.
 */
@QuarkusTest
@WithTestResource(value = TencentStub.class, scope = TestResourceScope.GLOBAL)
class GroupRecallDurabilityTest extends RecallEngineTestBase {

    private static final Instant T0 = Instant.parse("2025-07-01T00:00:00Z");
    private static final int GROUPS = 4;
    private static final int PER_GROUP = 1000;
    private static final int TOTAL = GROUPS * PER_GROUP;

    @Test
    void restartMidJobResumesWithoutSendingAMsgSeqTwice() throws Exception {
        long job = quarterDoneJob("restart", worker::start);
        worker.stop();
        long recalledBeforeRestart = recalled(job);
        assertThat(recalledBeforeRestart).isBetween(1000L, TOTAL - 1L);
        assertThat(Rows.count(dataSource, "SELECT count(*) FROM recall_item WHERE job_id = ? AND "
                + "(in_flight_since IS NOT NULL OR lease_owner IS NOT NULL)", job)).isZero();

        worker.start();
        RecallJobs.awaitState(job, "COMPLETED");

        assertThat(recalled(job)).isEqualTo(TOTAL);
        assertThat(GroupRecallAnswers.sentBySeq(tencent)).hasSize(TOTAL).allSatisfy((seq, calls) -> assertThat(calls)
                .as(seq).isEqualTo(1));
    }

    @Test
    void crashMidJobIsTakenOverOnceItsLeasesExpire() throws Exception {
        RecallEngine crashing = worker.newEngine();
        long job = quarterDoneJob("crash", crashing::start);
        crashing.abandon();
        Set<String> recordedBeforeCrash = new HashSet<>(Rows.query(dataSource,
                "SELECT group_id || '/' || msg_seq AS seq FROM recall_item WHERE job_id = ? AND outcome = 'RECALLED'",
                job).stream().map(row -> (String) row.get("seq")).toList());
        long leftInFlight = Rows.count(dataSource,
                "SELECT count(*) FROM recall_item WHERE job_id = ? AND in_flight_since IS NOT NULL", job);

        worker.start();
        RecallJobs.awaitState(job, "COMPLETED");

        Map<String, Long> sent = GroupRecallAnswers.sentBySeq(tencent);
        assertThat(recalled(job)).isEqualTo(TOTAL);
        assertThat(sent).hasSize(TOTAL);
        recordedBeforeCrash.forEach(seq -> assertThat(sent.get(seq)).as(seq).isEqualTo(1));
        // only MsgSeq whose call the crash cut off, never recorded, are sent again
        assertThat(sent.values().stream().filter(n -> n > 1).count()).isLessThanOrEqualTo(leftInFlight);
    }

    @Test
    void answersACrashCutOffBeforeTheirRecordAreSentAgainAndNoRecordedSuccessIs() throws Exception {
        GroupRecallAnswers.clear();
        tencent.stubFor(post(urlPathEqualTo(GroupRecallAnswers.PATH)).willReturn(okJson("{}")
                .withTransformers(GroupRecallAnswers.NAME)));
        String sender = Messages.unique("cut-off");
        String recordable = Messages.unique("@TGS#cut-off-a");
        String blocked = Messages.unique("@TGS#cut-off-b");
        GroupMessages.insertMany(dataSource, recordable, "", sender, 1, 200, T0);
        GroupMessages.insertMany(dataSource, blocked, "", sender, 1, 200, T0.plusSeconds(1000));
        long job = RecallJobs.createFrom(ALICE, sender);
        RecallJobs.confirm(BOB, job);
        RecallEngine crashing = worker.newEngine();
        Set<String> recordedBeforeCrash;
        long leftInFlight;
        try (Connection holding = dataSource.getConnection()) {
            // the writer's transactions that mark one of the blocked group's messages recalled wait on these locks
            holding.setAutoCommit(false);
            try (PreparedStatement lock = holding.prepareStatement(
                    "SELECT id FROM group_message WHERE group_id = ? FOR UPDATE")) {
                lock.setString(1, blocked);
                lock.executeQuery().close();
            }
            crashing.start();
            await().atMost(Duration.ofSeconds(30)).until(() -> GroupRecallAnswers.sentBySeq(tencent).size() == 400);
            // the crash comes first; only then are the locks released, and the writer's waiting transaction goes on
            CompletableFuture<Void> crash = CompletableFuture.runAsync(() -> {
                try {
                    crashing.abandon();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            Thread.sleep(1000);
            holding.rollback();
            crash.get(30, TimeUnit.SECONDS);
            recordedBeforeCrash = new HashSet<>(Rows.query(dataSource, "SELECT group_id || '/' || msg_seq AS seq "
                    + "FROM recall_item WHERE job_id = ? AND outcome = 'RECALLED'", job).stream()
                    .map(row -> (String) row.get("seq")).toList());
            leftInFlight = Rows.count(dataSource,
                    "SELECT count(*) FROM recall_item WHERE job_id = ? AND in_flight_since IS NOT NULL", job);
        }
        assertThat(recordedBeforeCrash).as("no answer of the blocked group was recorded, before or after the crash")
                .noneMatch(seq -> seq.startsWith(blocked + "/"));
        assertThat(leftInFlight).isGreaterThanOrEqualTo(200);

        worker.start();
        RecallJobs.awaitState(job, "COMPLETED");

        Map<String, Long> sent = GroupRecallAnswers.sentBySeq(tencent);
        assertThat(recalled(job)).isEqualTo(400);
        recordedBeforeCrash.forEach(seq -> assertThat(sent.get(seq)).as(seq).isEqualTo(1));
        assertThat(sent.entrySet().stream().filter(each -> each.getKey().startsWith(blocked + "/")))
                .as("answered, never recorded: sent again").allSatisfy(each -> assertThat(each.getValue()).isEqualTo(2));
        var counts = RecallJobs.get(ALICE, job);
        assertThat(counts.getInt("counts.RECALLED")).isEqualTo(400);
        assertThat(counts.getInt("counts.PENDING")).isZero();
    }

    @Test
    void cancellingSkipsTheGroupItemsNotYetSent() {
        long job = quarterDoneJob("cancel", worker::start);
        io.msgkey.recorder.testing.Api.as(ALICE).post("/api/recall-jobs/" + job + "/cancel").then().statusCode(200);
        await().atMost(Duration.ofSeconds(15)).until(() -> Rows.count(dataSource,
                "SELECT count(*) FROM recall_item WHERE job_id = ? AND outcome = 'PENDING'", job) == 0);

        var cancelled = RecallJobs.get(ALICE, job);
        int recalled = cancelled.getInt("counts.RECALLED");
        assertThat(recalled).isLessThan(TOTAL);
        assertThat(recalled + cancelled.getInt("counts.SKIPPED")).isEqualTo(TOTAL);
        assertThat(GroupRecallAnswers.sentBySeq(tencent)).hasSize(recalled);
    }

    /** A running job of 4,000 group messages, against a Tencent answering in 300 ms, once 1,000 are recalled. */
    private long quarterDoneJob(String name, Runnable startWorker) {
        GroupRecallAnswers.clear();
        tencent.stubFor(post(urlPathEqualTo(GroupRecallAnswers.PATH)).willReturn(okJson("{}").withFixedDelay(300)
                .withTransformers(GroupRecallAnswers.NAME)));
        String sender = Messages.unique(name);
        for (int g = 0; g < GROUPS; g++) {
            GroupMessages.insertMany(dataSource, Messages.unique("@TGS#" + name + g), "", sender, 1, PER_GROUP, T0);
        }
        long job = RecallJobs.createFrom(ALICE, sender);
        RecallJobs.confirm(BOB, job);
        startWorker.run();
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(20)).until(() -> recalled(job) >= 1000);
        return job;
    }

    private long recalled(long job) {
        return Rows.count(dataSource, "SELECT count(*) FROM recall_item WHERE job_id = ? AND outcome = 'RECALLED'",
                job);
    }
}
