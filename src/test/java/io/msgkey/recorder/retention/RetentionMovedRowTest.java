package io.msgkey.recorder.retention;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
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
 * A chunk of old default-partition rows that meets one the write path moves out meanwhile (SQLSTATE 40001) is done
 * again: the row, now of a day retention keeps, stays. (The move is forced: a stand-in moves at most a day back.)
 */
@QuarkusTest
class RetentionMovedRowTest {

    /** Older than any other test's rows, and than any day partition, so the run removes this test's row only. */
    private static final Instant CUTOFF = Instant.parse("1990-01-01T00:00:00Z");

    @Inject
    AgroalDataSource dataSource;

    @Inject
    MessageRetention retention;

    @Test
    void anOldRowMovedOutOfTheDefaultPartitionWhileItIsRemovedStays() throws Exception {
        String sender = Messages.unique("retained-moving");
        long moving = Messages.insert(dataSource, sender, "peer", "moving", Instant.parse("1989-06-02T12:00:00Z"));
        Instant today = LocalDate.now(ZoneOffset.UTC).atTime(12, 0).toInstant(ZoneOffset.UTC);
        CompletableFuture<MessageRetention.Removed> removed;
        try (HeldMove move = HeldMove.of(dataSource, "message", moving, today)) {
            removed = CompletableFuture.supplyAsync(() -> {
                try (Connection connection = dataSource.getConnection()) {
                    return retention.remove(connection, CUTOFF);
                } catch (Exception e) {
                    throw new CompletionException(e);
                }
            });
            move.awaitBlocking();
            move.commit();
        }
        assertThat(removed.get(10, TimeUnit.SECONDS).messages()).isZero();
        assertThat(Rows.query(dataSource, "SELECT msg_time FROM message WHERE id = ?", moving)).singleElement()
                .extracting(row -> row.get("msg_time")).isEqualTo(today);
    }
}
