package io.msgkey.recorder.subject;

import static io.msgkey.recorder.testing.Api.CORA;
import static io.msgkey.recorder.testing.Api.as;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.msgkey.recorder.testing.GroupMessages;
import io.msgkey.recorder.testing.HeldMove;
import io.msgkey.recorder.testing.Messages;
import io.msgkey.recorder.testing.Rows;
import io.quarkus.test.junit.QuarkusTest;

/**
 * An erasure chunk that meets a message the write path moves to its real day meanwhile (SQLSTATE 40001) is done
 * again, so the moved row goes too and the request answers with every record removed.
 */
@QuarkusTest
class ErasureMovedRowTest {

    private static final Instant STAND_IN = LocalDate.now(ZoneOffset.UTC).plusDays(1).atTime(12, 0)
            .toInstant(ZoneOffset.UTC);
    private static final Instant REAL = STAND_IN.minus(Duration.ofHours(24));

    @Inject
    AgroalDataSource dataSource;

    @Test
    void aMessageMovedWhileItsSenderIsErasedIsErasedToo() throws Exception {
        String user = Messages.unique("erased-moving");
        long moving = Messages.insert(dataSource, user, "peer", "moving", STAND_IN);
        Messages.insert(dataSource, user, "peer", "staying", REAL);
        assertErasedWhileMoving("message", moving, user, 2);
    }

    @Test
    void aGroupMessageMovedWhileItsSenderIsErasedIsErasedToo() throws Exception {
        String user = Messages.unique("erased-moving-in-group");
        long moving = GroupMessages.insert(dataSource, Messages.unique("@TGS#erased"), user, 1, STAND_IN);
        assertErasedWhileMoving("group_message", moving, user, 1);
    }

    private void assertErasedWhileMoving(String table, long id, String user, int records) throws Exception {
        CompletableFuture<Integer> erased;
        try (HeldMove move = HeldMove.of(dataSource, table, id, REAL)) {
            erased = CompletableFuture.supplyAsync(() -> as(CORA).body("{\"reason\": \"request\"}")
                    .post("/api/subjects/" + user + "/erase").then().extract().path("messages"));
            move.awaitBlocking();
            move.commit();
        }
        assertThat(erased.get(10, TimeUnit.SECONDS)).isEqualTo(records);
        assertThat(Rows.count(dataSource, "SELECT count(*) FROM " + table + " WHERE from_account = ?", user)).isZero();
    }
}
