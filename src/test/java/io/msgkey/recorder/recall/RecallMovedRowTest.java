package io.msgkey.recorder.recall;

import static io.msgkey.recorder.testing.Api.ALICE;
import static io.msgkey.recorder.testing.Api.BOB;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.msgkey.recorder.tencent.WithdrawOutcome;
import io.msgkey.recorder.tencent.WithdrawOutcome.Result;
import io.msgkey.recorder.testing.HeldMove;
import io.msgkey.recorder.testing.Messages;
import io.msgkey.recorder.testing.RecallJobs;
import io.msgkey.recorder.testing.Rows;
import io.msgkey.recorder.testing.TencentStub;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The recall ledger's marks on message rows meet a row the write path moves to another day meanwhile (a stand-in
 * promoted to its real time): PostgreSQL refuses the mark with SQLSTATE 40001 once the move commits. The outcome
 * writer records the answer on its retry; the in-flight marker's batch fails and is begun again later.
 */
@QuarkusTest
@WithTestResource(value = TencentStub.class, scope = TestResourceScope.GLOBAL)
class RecallMovedRowTest {

    private static final Duration LEASE = Duration.ofSeconds(30);
    private static final WithdrawOutcome RECALLED = new WithdrawOutcome(Result.RECALLED, 0, "", 1, false);

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
    void anAnswerWhoseMarkMeetsAMovedRowIsRecordedOnTheWritersRetry() throws Exception {
        long job = runningJob("moved-outcome");
        ClaimedItem item = items.claim(job, "worker-a", 1, LEASE).get(0);
        assertThat(ledger.beginCalls(List.of(RecallCall.of(item)), "worker-a", LEASE).get(0)).hasSize(1);
        List<ClaimedItem> recorded = new CopyOnWriteArrayList<>();
        OutcomeWriter writer = new OutcomeWriter(ledger, "worker-a", () -> true, recorded::addAll);
        CompletableFuture<Void> loop = CompletableFuture.runAsync(writer::loop);
        try (HeldMove move = HeldMove.of(dataSource, "message", item.messageId(), today())) {
            writer.add(AnsweredCall.oneToOne(item, RECALLED));
            move.awaitBlocking();
            move.commit();
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> !recorded.isEmpty());
        writer.stop();
        loop.get(10, TimeUnit.SECONDS);

        assertThat(RecallJobs.items(dataSource, job)).singleElement()
                .satisfies(row -> assertThat(row.get("outcome")).isEqualTo("RECALLED"));
        Map<String, Object> message = message(item.messageId());
        assertThat(message).containsEntry("recall_source", "job").containsEntry("msg_time", today());
        assertThat(((Number) message.get("recall_job_id")).longValue()).isEqualTo(job);
    }

    @Test
    void aSettlementWithoutACallWhoseMarkMeetsAMovedRowIsDoneAgainByTheInFlightMarker() throws Exception {
        long job = runningJob("moved-start");
        ClaimedItem item = items.claim(job, "worker-a", 1, LEASE).get(0);
        // recalled by a job of this service meanwhile: the item is settled without a call, its message marked again
        Rows.execute(dataSource, "UPDATE message SET recall_source = 'job', recall_job_id = ?, recalled_at = now() "
                + "WHERE id = ?", job, item.messageId());
        InFlightMarker marker = new InFlightMarker(ledger, "worker-a", LEASE);
        Thread loop = Thread.ofVirtual().start(marker::loop);
        try {
            CompletableFuture<List<ClaimedItem>> begun;
            try (HeldMove move = HeldMove.of(dataSource, "message", item.messageId(), today())) {
                begun = CompletableFuture.supplyAsync(() -> {
                    try {
                        return marker.begin(RecallCall.of(item));
                    } catch (InterruptedException e) {
                        throw new IllegalStateException(e);
                    }
                });
                move.awaitBlocking();
                move.commit();
            }

            // without the marker's retry the batch failed with "tuple ... moved to another partition", the item left
            // pending until its lease ran out
            assertThat(begun.get(10, TimeUnit.SECONDS)).as("nothing to send: settled without a call").isEmpty();
        } finally {
            marker.stop();
            loop.join();
        }
        assertThat(RecallJobs.items(dataSource, job)).singleElement()
                .satisfies(row -> assertThat(row.get("outcome")).isNotEqualTo("PENDING"));
        assertThat(message(item.messageId())).containsEntry("msg_time", today());
    }

    private long runningJob(String name) {
        String sender = Messages.unique(name);
        Messages.insert(dataSource, sender, "victim", sender + "-0", Instant.parse("2024-07-01T00:00:00Z"));
        long job = RecallJobs.createFrom(ALICE, sender);
        RecallJobs.confirm(BOB, job);
        return job;
    }

    private static Instant today() {
        return LocalDate.now(ZoneOffset.UTC).atTime(12, 0).toInstant(ZoneOffset.UTC);
    }

    private Map<String, Object> message(long id) {
        return Rows.query(dataSource, "SELECT recall_source, recall_job_id, msg_time FROM message WHERE id = ?", id)
                .get(0);
    }
}
