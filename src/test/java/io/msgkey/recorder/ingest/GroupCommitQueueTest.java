package io.msgkey.recorder.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/**
 * A database that takes a batch and never answers, with nothing to time it out: the writers are stuck, and what
 * keeps memory bounded is the queue's capacity alone. Every callback is still made durable in time, in the spool.
 */
class GroupCommitQueueTest {

    private static final int CAPACITY = 50;

    @TempDir
    Path dir;

    @Test
    void whenTheWritersHangTheQueueStaysWithinItsCapacityAndEveryCallbackIsSpooled() throws Exception {
        CountDownLatch answer = new CountDownLatch(1);
        AtomicInteger batchesTaken = new AtomicInteger();
        IngestConfig config = IngestConfigs.withSpool(dir, CAPACITY);
        MessageStore hanging = new MessageStore(null, null, config) {
            @Override
            public void write(Collection<MessageRecord> records) throws SQLException {
                batchesTaken.incrementAndGet();
                try {
                    answer.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                throw new SQLException("connection reset");
            }
        };
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        Spool spool = new Spool(config, new ObjectMapper().registerModule(new JavaTimeModule()), registry);
        GroupCommitWriter writer = new GroupCommitWriter(hanging, spool, new SpoolWriter(spool), config, registry);
        writer.start(null);
        try {
            List<CompletableFuture<StoreOutcome>> outcomes = new ArrayList<>();
            double deepest = 0;
            for (int i = 0; i < 1000; i++) {
                outcomes.add(writer.submit(SpoolLines.afterSend("hang-" + i)).toCompletableFuture());
                deepest = Math.max(deepest, registry.get("ingest.queue.depth").gauge().value());
            }

            assertThat(deepest).as("callbacks queued in memory at most").isLessThanOrEqualTo(CAPACITY);
            await().atMost(Duration.ofSeconds(5)).until(() -> outcomes.stream().allMatch(CompletableFuture::isDone));
            assertThat(outcomes).allSatisfy(outcome -> assertThat(outcome.join()).isEqualTo(StoreOutcome.SPOOLED));
            assertThat(spool.depth()).isEqualTo(1000);
            assertThat(registry.get("ingest.queue.overflow").counter().count()).isGreaterThan(0);
            assertThat(batchesTaken.get()).as("writers stuck with a batch each").isEqualTo(2);
            await().atMost(Duration.ofSeconds(3)).until(writer::isDatabaseStalled);
        } finally {
            answer.countDown();
            writer.stop(null);
        }
        assertThat(writer.isDatabaseStalled()).isFalse();
        assertThat(spool.depth()).as("nothing spooled twice").isEqualTo(1000);
    }
}
