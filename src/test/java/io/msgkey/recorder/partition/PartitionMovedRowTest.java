package io.msgkey.recorder.partition;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.msgkey.recorder.testing.HeldMove;
import io.msgkey.recorder.testing.Messages;
import io.msgkey.recorder.testing.Rows;
import io.quarkus.test.junit.QuarkusTest;

/**
 * A new day's move out of the default partition that meets a row the write path moves out meanwhile (SQLSTATE 40001)
 * is done again, so the day is created. (The move is forced: a stand-in moves at most a day back.)
 */
@QuarkusTest
class PartitionMovedRowTest {

    @Inject
    AgroalDataSource dataSource;

    @Inject
    PartitionMaintenance maintenance;

    @Test
    void aDayIsCreatedWhileOneOfItsRowsMovesOutOfTheDefaultPartition() throws Exception {
        LocalDate far = LocalDate.now(ZoneOffset.UTC).plusDays(2000 + (long) (Math.random() * 1000));
        String sender = Messages.unique("partition-moving");
        long moving = Messages.insert(dataSource, sender, "peer", "moving",
                far.atTime(12, 0).toInstant(ZoneOffset.UTC));
        Instant today = LocalDate.now(ZoneOffset.UTC).atTime(12, 0).toInstant(ZoneOffset.UTC);
        CompletableFuture<Integer> created;
        try (HeldMove move = HeldMove.of(dataSource, "message", moving, today)) {
            created = CompletableFuture.supplyAsync(() -> {
                try {
                    return maintenance.ensure(far, far);
                } catch (Exception e) {
                    throw new CompletionException(e);
                }
            });
            move.awaitBlocking();
            move.commit();
        }
        assertThat(created.get(10, TimeUnit.SECONDS)).as("one day of each table").isEqualTo(2);
        assertThat(Rows.query(dataSource, "SELECT msg_time FROM message WHERE id = ?", moving)).singleElement()
                .extracting(row -> row.get("msg_time")).isEqualTo(today);
    }
}
