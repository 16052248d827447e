package io.msgkey.recorder.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.msgkey.recorder.message.MessageKey;
import io.quarkus.test.junit.QuarkusTest;

/** The write path tells which messages a write added to the record, exactly, however many write the same at once. */
@QuarkusTest
class InsertedRowsTest {

    private static final Instant T0 = Instant.parse("2024-05-01T00:00:00Z");

    @Inject
    AgroalDataSource dataSource;

    @Inject
    MessageStore store;

    @Test
    void ofConcurrentWritesOfTheSameMessagesEachMessageIsReportedNewExactlyOnce() throws Exception {
        for (int round = 0; round < 5; round++) {
            String sender = "inserted-" + UUID.randomUUID();
            List<MessageRecord> records = new ArrayList<>();
            for (int i = 0; i < 300; i++) {
                records.add(MessageRecord.roamed(new MessageKey(1400000000L, sender, "peer", "k" + i), i, i,
                        T0.plusSeconds(i), null, Instant.now()));
            }
            int writers = 4;
            CyclicBarrier start = new CyclicBarrier(writers);
            List<Future<Set<MessageKey>>> results = new ArrayList<>();
            try (ExecutorService pool = Executors.newFixedThreadPool(writers)) {
                for (int w = 0; w < writers; w++) {
                    List<MessageRecord> mine = new ArrayList<>(records);
                    Collections.shuffle(mine);
                    results.add(pool.submit(() -> write(mine, start)));
                }
            }
            Set<MessageKey> union = new HashSet<>();
            int reported = 0;
            for (Future<Set<MessageKey>> result : results) {
                union.addAll(result.get());
                reported += result.get().size();
            }
            assertThat(reported).as("round %d", round).isEqualTo(300);
            assertThat(union).hasSize(300);
        }
    }

    @Test
    void aWriteOfKnownMessagesReportsNoneNew() throws Exception {
        MessageKey key = new MessageKey(1400000000L, "inserted-" + UUID.randomUUID(), "peer", "k");
        List<MessageRecord> records = List.of(MessageRecord.roamed(key, 1, 2, T0, null, Instant.now()));

        assertThat(write(records, null)).containsExactly(key);
        assertThat(write(records, null)).isEmpty();
    }

    private Set<MessageKey> write(List<MessageRecord> records, CyclicBarrier start) throws Exception {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            if (start != null) {
                start.await();
            }
            Set<MessageKey> inserted = store.writeInTransaction(connection, records);
            connection.commit();
            return inserted;
        }
    }
}
