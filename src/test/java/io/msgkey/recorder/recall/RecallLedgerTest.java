package io.msgkey.recorder.recall;

import static io.msgkey.recorder.testing.Api.ALICE;
import static io.msgkey.recorder.testing.Api.BOB;
import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.msgkey.recorder.tencent.GroupRecallOutcome;
import io.msgkey.recorder.tencent.WithdrawOutcome;
import io.msgkey.recorder.tencent.WithdrawOutcome.Result;
import io.msgkey.recorder.testing.GroupMessages;
import io.msgkey.recorder.testing.Messages;
import io.msgkey.recorder.testing.RecallJobs;
import io.msgkey.recorder.testing.Rows;
import io.msgkey.recorder.testing.TencentStub;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** The worker's bookkeeping at the edges the worker tests cannot time: races with a cancellation, lost answers. */
@QuarkusTest
@WithTestResource(value = TencentStub.class, scope = TestResourceScope.GLOBAL)
class RecallLedgerTest {

    private static final Duration LEASE = Duration.ofSeconds(30);

    @Inject
    AgroalDataSource dataSource;

    @Inject
    RecallItemRepository items;

    @Inject
    RecallLedger ledger;

    @BeforeEach
    void clean() {
        RecallJobs.settleEarlierJobs(dataSource);
    }

    @Test
    void anItemPutBackWhileTheJobIsBeingCancelledIsSkippedNotLeftPending() throws Exception {
        long job = runningJob("cancel-race", 3);
        ClaimedItem item = startOne(job, "worker-a");

        CompletableFuture<Void> finished;
        try (Connection cancelling = dataSource.getConnection()) {
            cancelling.setAutoCommit(false);
            // what a cancellation does, held open: the job row first, then the items not in flight
            update(cancelling, "UPDATE recall_job SET state = 'CANCELLED' WHERE id = ?", job);
            finished = CompletableFuture.runAsync(() -> finish(item,
                    new WithdrawOutcome(Result.CONFIG_ERROR, 70009, "bad UserSig", 1, false), "worker-a"));
            assertThat(waitsFor(finished)).as("finish waits for the cancellation to commit").isTrue();
            update(cancelling, "UPDATE recall_item SET outcome = 'SKIPPED' WHERE job_id = ? AND outcome = 'PENDING' "
                    + "AND in_flight_since IS NULL", job);
            cancelling.commit();
        }
        finished.get(10, TimeUnit.SECONDS);

        assertThat(RecallJobs.items(dataSource, job)).extracting(row -> row.get("outcome"))
                .containsOnly("SKIPPED");
    }

    @Test
    void twentyThreeAfterACallWhoseAnswerWasLostIsCreditedToTheJob() {
        long job = jobWhoseWorkerDiedMidCall("lost-answer");
        ClaimedItem retaken = startOne(job, "worker-b");

        finish(retaken, new WithdrawOutcome(Result.ALREADY_RECALLED, 20023, "already recalled", 1, false),
                "worker-b");

        Map<String, Object> item = RecallJobs.items(dataSource, job).get(0);
        assertThat(item).containsEntry("outcome", "RECALLED").containsEntry("last_error_code", 20023)
                .containsEntry("attempts", 2);
        assertThat((String) item.get("last_error_info")).contains("earlier attempt went unanswered");
        assertThat(message(item)).containsEntry("recall_source", "job").containsEntry("recall_job_id", job);
    }

    @Test
    void anEchoAfterALostAnswerDoesNotSpareTheCallAndTencentsAnswerCreditsTheJob() {
        long job = jobWhoseWorkerDiedMidCall("lost-answer-echo");
        // a C2C.CallbackAfterMsgWithDraw for the message: Tencent's echo of the dead worker's recall, or a forgery
        Rows.execute(dataSource, "UPDATE message SET recalled_at = now(), recall_source = 'tencent' "
                + "WHERE id = (SELECT message_id FROM recall_item WHERE job_id = ?)", job);
        ClaimedItem retaken = items.claim(job, "worker-b", 1, LEASE).get(0);

        assertThat(begin(retaken, "worker-b")).as("the call is not spared").isTrue();
        finish(retaken, new WithdrawOutcome(Result.ALREADY_RECALLED, 20023, "already recalled", 1, false),
                "worker-b");

        Map<String, Object> item = RecallJobs.items(dataSource, job).get(0);
        assertThat(item).containsEntry("outcome", "RECALLED").containsEntry("attempts", 2);
        assertThat((String) item.get("last_error_info")).contains("earlier attempt went unanswered");
        assertThat(message(item)).containsEntry("recall_source", "job").containsEntry("recall_job_id", job);
    }

    @Test
    void twentyThreeOnAFirstAttemptMeansSomeoneElseRecalledIt() {
        long job = runningJob("recalled-elsewhere", 1);
        ClaimedItem item = startOne(job, "worker-a");

        finish(item, new WithdrawOutcome(Result.ALREADY_RECALLED, 20023, "already recalled", 1, false), "worker-a");

        Map<String, Object> row = RecallJobs.items(dataSource, job).get(0);
        assertThat(row).containsEntry("outcome", "ALREADY_RECALLED").containsEntry("last_error_code", 20023);
        assertThat(message(row)).containsEntry("recall_source", "tencent").containsEntry("recall_job_id", null);
    }

    @Test
    void errorTextPostgresCannotStoreIsCleanedNotLost() {
        long job = runningJob("nul", 1);
        ClaimedItem item = startOne(job, "worker-a");

        finish(item, new WithdrawOutcome(Result.FAILED, 99999, "proxy said \u0000 no\r\n" + "x".repeat(2000), 1, false),
                "worker-a");

        Map<String, Object> row = RecallJobs.items(dataSource, job).get(0);
        assertThat(row).containsEntry("outcome", "FAILED").containsEntry("last_error_code", 99999);
        assertThat((String) row.get("last_error_info")).startsWith("proxy said   no").doesNotContain("\u0000")
                .hasSizeLessThanOrEqualTo(501);
    }

    @Test
    void theAnswersOfManyCallsOfBothKindsAreRecordedTogetherWithExactCounts() {
        String sender = Messages.unique("batch");
        Messages.insert(dataSource, sender, "victim", sender + "-recalled", Instant.parse("2024-07-01T00:00:00Z"));
        Messages.insert(dataSource, sender, "victim", sender + "-elsewhere", Instant.parse("2024-07-01T00:00:01Z"));
        String group = Messages.unique("@TGS#batch");
        GroupMessages.insertMany(dataSource, group, "", sender, 1, 3, Instant.parse("2024-07-01T00:01:00Z"));
        long job = RecallJobs.createFrom(ALICE, sender);
        RecallJobs.confirm(BOB, job);
        List<ClaimedItem> oneToOne = items.claim(job, "worker-a", 10, LEASE);
        List<ClaimedItem> inGroup = items.claimGroup(job, "worker-a", 10, LEASE);
        assertThat(oneToOne).hasSize(2);
        assertThat(inGroup).hasSize(3);
        List<RecallCall> calls = List.of(RecallCall.of(oneToOne.get(0)), RecallCall.of(oneToOne.get(1)),
                new RecallCall(inGroup));

        List<List<ClaimedItem>> send = ledger.beginCalls(calls, "worker-a", LEASE);
        assertThat(send).containsExactly(calls.get(0).items(), calls.get(1).items(), inGroup);
        assertThat(Rows.count(dataSource, "SELECT count(*) FROM recall_item WHERE job_id = ? AND attempts = 1 "
                + "AND in_flight_since IS NOT NULL", job)).isEqualTo(5);

        WithdrawOutcome ok = new WithdrawOutcome(Result.RECALLED, 0, "", 1, false);
        Map<String, ClaimedItem> byKey = Map.of(oneToOne.get(0).message().msgKey(), oneToOne.get(0),
                oneToOne.get(1).message().msgKey(), oneToOne.get(1));
        ClaimedItem recalled = byKey.get(sender + "-recalled");
        ClaimedItem elsewhere = byKey.get(sender + "-elsewhere");
        GroupRecallOutcome groupAnswer = new GroupRecallOutcome(ok,
                Map.of(2L, new WithdrawOutcome(Result.NOT_FOUND, 10030, "no such MsgSeq", 1, false),
                        3L, new WithdrawOutcome(Result.TRANSIENT, 10002, "busy", 0, false)));
        ledger.finishCalls(List.of(AnsweredCall.oneToOne(recalled, ok),
                AnsweredCall.oneToOne(elsewhere, new WithdrawOutcome(Result.ALREADY_RECALLED, 20023, "already", 1,
                        false)),
                AnsweredCall.group(inGroup, groupAnswer)), "worker-a", () -> true);

        assertThat(Rows.query(dataSource, "SELECT coalesce(msg_key, group_id || '/' || msg_seq) AS item, outcome, "
                + "attempts, finished_at IS NOT NULL AS finished, lease_owner, in_flight_since FROM recall_item "
                + "WHERE job_id = ? ORDER BY id", job)).extracting(row -> row.get("item") + " " + row.get("outcome")
                        + " " + row.get("attempts") + " " + row.get("finished") + " " + row.get("lease_owner") + " "
                        + row.get("in_flight_since"))
                .containsExactlyInAnyOrder(sender + "-recalled RECALLED 1 true null null",
                        sender + "-elsewhere ALREADY_RECALLED 1 true null null", group + "/1 RECALLED 1 true null null",
                        group + "/2 NOT_FOUND 1 true null null", group + "/3 PENDING 0 false null null");
        var counts = RecallJobs.get(ALICE, job);
        assertThat(counts.getInt("counts.RECALLED")).isEqualTo(2);
        assertThat(counts.getInt("counts.ALREADY_RECALLED")).isEqualTo(1);
        assertThat(counts.getInt("counts.NOT_FOUND")).isEqualTo(1);
        assertThat(counts.getInt("counts.PENDING")).isEqualTo(1);
        assertThat(message(Rows.query(dataSource, "SELECT message_id FROM recall_item WHERE id = ?",
                recalled.key().id()).get(0))).containsEntry("recall_source", "job").containsEntry("recall_job_id", job);
        assertThat(message(Rows.query(dataSource, "SELECT message_id FROM recall_item WHERE id = ?",
                elsewhere.key().id()).get(0))).containsEntry("recall_source", "tencent");
        assertThat(Rows.query(dataSource, "SELECT msg_seq, recall_source FROM group_message WHERE group_id = ? "
                + "ORDER BY msg_seq", group)).extracting(row -> row.get("msg_seq") + " " + row.get("recall_source"))
                .containsExactly("1 job", "2 null", "3 null");
    }

    @Test
    void anAnswerForAnItemAnotherInstanceTookOverLeavesThatInstancesRecord() {
        long job = runningJob("taken-over", 2);
        List<ClaimedItem> claimed = items.claim(job, "worker-a", 2, LEASE);
        ledger.beginCalls(claimed.stream().map(RecallCall::of).toList(), "worker-a", LEASE);
        // worker-a stalls past its lease; worker-b takes the first item over and records it failed
        Rows.execute(dataSource, "UPDATE recall_item SET lease_owner = 'worker-b' WHERE id = ?",
                claimed.get(0).key().id());
        finish(claimed.get(0), new WithdrawOutcome(Result.FAILED, 99999, "b's answer", 1, false), "worker-b");

        WithdrawOutcome ok = new WithdrawOutcome(Result.RECALLED, 0, "", 1, false);
        ledger.finishCalls(claimed.stream().map(item -> AnsweredCall.oneToOne(item, ok)).toList(), "worker-a",
                () -> true);

        assertThat(RecallJobs.items(dataSource, job)).extracting(row -> row.get("id") + " " + row.get("outcome"))
                .containsExactlyInAnyOrder(claimed.get(0).key().id() + " FAILED",
                        claimed.get(1).key().id() + " RECALLED");
        var counts = RecallJobs.get(ALICE, job);
        assertThat(counts.getInt("counts.FAILED")).isEqualTo(1);
        assertThat(counts.getInt("counts.RECALLED")).isEqualTo(1);
        assertThat(counts.getInt("counts.PENDING")).isZero();
    }

    private long runningJob(String name, int messages) {
        String sender = Messages.unique(name);
        for (int i = 0; i < messages; i++) {
            Messages.insert(dataSource, sender, "victim", sender + "-" + i, Instant.parse("2024-07-01T00:00:00Z"));
        }
        long job = RecallJobs.createFrom(ALICE, sender);
        RecallJobs.confirm(BOB, job);
        return job;
    }

    /** A job of one message whose worker marked it in flight, called Tencent and died: its lease has run out. */
    private long jobWhoseWorkerDiedMidCall(String name) {
        long job = runningJob(name, 1);
        startOne(job, "crashed-worker");
        Rows.execute(dataSource, "UPDATE recall_item SET lease_until = now() - interval '1 second' WHERE job_id = ?",
                job);
        return job;
    }

    private ClaimedItem startOne(long job, String owner) {
        List<ClaimedItem> claimed = items.claim(job, owner, 1, LEASE);
        assertThat(claimed).hasSize(1);
        assertThat(begin(claimed.get(0), owner)).isTrue();
        return claimed.get(0);
    }

    /** Whether the item is to be sent, marked in flight. */
    private boolean begin(ClaimedItem item, String owner) {
        return !ledger.beginCalls(List.of(RecallCall.of(item)), owner, LEASE).get(0).isEmpty();
    }

    private void finish(ClaimedItem item, WithdrawOutcome answer, String owner) {
        ledger.finishCalls(List.of(AnsweredCall.oneToOne(item, answer)), owner, () -> true);
    }

    private Map<String, Object> message(Map<String, Object> item) {
        return Rows.query(dataSource, "SELECT recall_source, recall_job_id FROM message WHERE id = ?",
                item.get("message_id")).get(0);
    }

    private static boolean waitsFor(CompletableFuture<Void> future) throws Exception {
        try {
            future.get(700, TimeUnit.MILLISECONDS);
            return false;
        } catch (TimeoutException stillWaiting) {
            return true;
        }
    }

    private static void update(Connection connection, String sql, long id) throws Exception {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setLong(1, id);
            statement.executeUpdate();
        }
    }
}
