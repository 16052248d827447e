package io.msgkey.recorder.retention;

import static io.msgkey.recorder.testing.Api.ALICE;
import static io.msgkey.recorder.testing.Api.CAROL;
import static io.msgkey.recorder.testing.Api.CORA;
import static io.msgkey.recorder.testing.Api.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.sql.Connection;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.msgkey.recorder.testing.Messages;
import io.msgkey.recorder.testing.Rows;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;

/**
 * A run answers once the old days are out of the store and audited; their tables are dropped after, under the
 * retention lock. Days of their own, far from {@link MessageRetentionTest}'s, so that a drop still going on from
 * there never meets a day created here.
 */
@QuarkusTest
@TestProfile(MessageRetentionProfile.class)
class BackgroundDropTest {

    private static int nextDay = 200;

    @Inject
    AgroalDataSource dataSource;

    @Inject
    BackgroundDrop drops;

    @BeforeEach
    void nothingOldFromEarlierTests() {
        as(CORA).post("/api/retention/run").then().statusCode(200);
        drops.await();
    }

    @Test
    void theRecordsAreGoneWhenTheRunAnswersTheTablesAfterAndARunAskedMeanwhileWaitsForThem() throws Exception {
        LocalDate old = Days.old(dataSource, nextDay++);
        String sender = Messages.unique("old-sender");
        Messages.insert(dataSource, sender, "peer", Messages.unique("key"), Days.at(old, 1));
        Messages.insert(dataSource, sender, "peer", Messages.unique("key"), Days.at(old, 2));
        String day = Days.name("message", old);
        String groupDay = Days.name("group_message", old);
        Response first;
        CompletableFuture<Response> second;
        // The run is held at its audit entry (after the detach) while a session takes the detached day's lock, which
        // then holds the drop that follows the answer.
        try (Connection audit = dataSource.getConnection(); Connection reader = dataSource.getConnection()) {
            audit.setAutoCommit(false);
            reader.setAutoCommit(false);
            try (Statement statement = audit.createStatement()) {
                statement.execute("LOCK TABLE audit_entry IN SHARE MODE");
            }
            CompletableFuture<Response> run = CompletableFuture.supplyAsync(() -> as(CORA).post("/api/retention/run"));
            awaitWaiting("insert into audit_entry");
            assertThat(Rows.count(dataSource, "SELECT count(*) FROM pg_inherits WHERE inhrelid = ?::regclass", day))
                    .isZero();
            try (Statement statement = reader.createStatement()) {
                statement.execute("SELECT count(*) FROM " + day);
            }
            audit.commit();
            first = run.get(10, TimeUnit.SECONDS);

            assertThat(first.statusCode()).as(first.asString()).isEqualTo(200);
            assertThat(first.jsonPath().getInt("messages")).isEqualTo(2);
            assertThat(first.jsonPath().getList("days")).containsExactly(day, groupDay);
            assertThat(first.jsonPath().getInt("dropping")).isEqualTo(2);
            assertThat(as(ALICE).queryParam("user", sender).queryParam("state", "all").get("/api/messages").then()
                    .statusCode(200).extract().jsonPath().getList("items")).isEmpty();
            assertThat(Days.existing(dataSource, day)).isOne();
            assertThat(as(CAROL).get("/api/retention").then().statusCode(200).extract().jsonPath()
                    .getList("detached")).contains(day);

            second = CompletableFuture.supplyAsync(() -> as(CORA).post("/api/retention/run"));
            Thread.sleep(500);
            assertThat(second).as("a run asked while the drop goes on waits for it").isNotDone();
            reader.commit();
        }
        Response after = second.get(10, TimeUnit.SECONDS);
        assertThat(after.statusCode()).as(after.asString()).isEqualTo(200);
        assertThat(after.jsonPath().getInt("partitions")).isZero();
        assertThat(after.jsonPath().getInt("messages")).isZero();
        assertThat(Days.existing(dataSource, day, groupDay)).isZero();
        assertThat(as(CAROL).get("/api/retention").then().statusCode(200).extract().jsonPath().getList("detached"))
                .isEmpty();
    }

    @Test
    void aDropThatFailedIsDoneByTheNextRunWhichDoesNotReportTheDayAgain() {
        LocalDate old = Days.old(dataSource, nextDay++);
        Messages.insert(dataSource, Messages.unique("blocked"), "peer", Messages.unique("key"), Days.at(old, 1));
        String day = Days.name("message", old);
        String groupDay = Days.name("group_message", old);
        // A view on the day makes its DROP fail (2BP01), as any error would; the detach does not mind it.
        Rows.execute(dataSource, "CREATE VIEW retention_blocker AS SELECT id FROM " + day);
        try {
            as(CORA).post("/api/retention/run").then().statusCode(200).body("partitions", equalTo(2))
                    .body("messages", equalTo(1)).body("dropping", equalTo(2));
            drops.await();
            assertThat(Days.existing(dataSource, day)).isOne();
            assertThat(Days.existing(dataSource, groupDay)).isZero();
        } finally {
            Rows.execute(dataSource, "DROP VIEW IF EXISTS retention_blocker");
        }

        as(CORA).post("/api/retention/run").then().statusCode(200).body("partitions", equalTo(0))
                .body("messages", equalTo(0)).body("dropping", equalTo(1));
        Days.awaitDropped(dataSource, day);
        assertThat(Rows.query(dataSource, "SELECT filter -> 'days' AS days, filter ->> 'messages' AS messages FROM "
                + "audit_entry WHERE action = 'RETENTION_RUN' ORDER BY id DESC LIMIT 2"))
                .extracting(row -> row.get("days").toString() + " " + row.get("messages"))
                .containsExactly("[] 0", "[\"" + day + "\", \"" + groupDay + "\"] 1");
    }

    private void awaitWaiting(String statement) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (Rows.count(dataSource, "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' "
                + "AND query ILIKE ?", statement + "%") == 0) {
            assertThat(System.nanoTime()).as("the run reached " + statement).isLessThan(deadline);
            Thread.sleep(20);
        }
    }
}
