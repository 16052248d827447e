package io.msgkey.recorder.retention;

import static io.msgkey.recorder.testing.Api.CAROL;
import static io.msgkey.recorder.testing.Api.CORA;
import static io.msgkey.recorder.testing.Api.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.msgkey.recorder.testing.Messages;
import io.msgkey.recorder.testing.Rows;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

@QuarkusTest
class RetentionTest {

    private static final Duration THREE_YEARS = Duration.ofDays(3 * 366);

    @Inject
    AgroalDataSource dataSource;

    @Inject
    RetentionService retention;

    @BeforeEach
    void nothingOldFromEarlierTests() {
        as(CORA).post("/api/retention/run").then().statusCode(200);
    }

    @Test
    void finishedJobsPastRetentionGoWithTheirItemsAndEverythingElseStays() {
        String held = Messages.unique("held");
        long old = job("COMPLETED", THREE_YEARS, Messages.unique("a"), 3);
        long cancelled = job("CANCELLED", THREE_YEARS, Messages.unique("b"), 2);
        long recent = job("COMPLETED", Duration.ofDays(30), Messages.unique("c"), 2);
        long oldButHeld = job("COMPLETED", THREE_YEARS, held, 2);
        long oldButPending = job("CANCELLED", THREE_YEARS, Messages.unique("d"), 1);
        Rows.execute(dataSource, "UPDATE recall_item SET outcome = 'PENDING' WHERE job_id = ?", oldButPending);
        as(CORA).body("{\"user\": \"" + held + "\", \"reason\": \"litigation\"}").post("/api/legal-holds").then()
                .statusCode(201);

        as(CORA).post("/api/retention/run").then().statusCode(200).body("recallJobs", equalTo(2))
                .body("recallItems", equalTo(5));

        assertThat(jobsLeft(old, cancelled, recent, oldButHeld, oldButPending)).containsExactly(recent, oldButHeld,
                oldButPending);
        assertThat(Rows.count(dataSource, "SELECT count(*) FROM recall_item WHERE job_id IN (?, ?)", old, cancelled))
                .isZero();
        assertThat(Rows.count(dataSource, "SELECT count(*) FROM recall_item WHERE job_id IN (?, ?, ?)", recent,
                oldButHeld, oldButPending)).isEqualTo(5);

        as(CORA).post("/api/retention/run").then().statusCode(200).body("recallJobs", equalTo(0))
                .body("recallItems", equalTo(0));
        JsonPath status = as(CAROL).get("/api/retention").then().statusCode(200).body("recallJobs", equalTo("P2Y"))
                .body("lastRun.actor", equalTo(CORA)).body("nextRun", notNullValue()).extract().jsonPath();
        assertThat(status.getInt("lastRun.removed.recallJobs")).isZero();
        assertThat(Rows.query(dataSource, "SELECT filter ->> 'recallJobs' AS jobs, filter ->> 'recallItems' AS items "
                + "FROM audit_entry WHERE action = 'RETENTION_RUN' ORDER BY id DESC LIMIT 2")).extracting(
                        row -> row.get("jobs") + "/" + row.get("items"))
                .containsExactly("0/0", "2/5");
    }

    @Test
    void aRunHeldByAnotherInstanceIsNotRunTwice() throws Exception {
        long old = job("COMPLETED", THREE_YEARS, Messages.unique("e"), 1);
        try (Connection other = dataSource.getConnection();
                PreparedStatement lock = other.prepareStatement("SELECT pg_advisory_lock(?)")) {
            lock.setLong(1, RetentionRun.LOCK_KEY);
            lock.execute();
            as(CORA).post("/api/retention/run").then().statusCode(409)
                    .body("error", equalTo("a retention run, or the drop of the days it removed, is in progress (on "
                            + "this or another instance); try again once it has finished"));
            retention.scheduled();
            assertThat(jobsLeft(old)).containsExactly(old);
            try (PreparedStatement unlock = other.prepareStatement("SELECT pg_advisory_unlock(?)")) {
                unlock.setLong(1, RetentionRun.LOCK_KEY);
                unlock.execute();
            }
        }
        retention.scheduled();
        assertThat(jobsLeft(old)).isEmpty();
        assertThat(Rows.query(dataSource, "SELECT actor FROM audit_entry WHERE action = 'RETENTION_RUN' ORDER BY id "
                + "DESC LIMIT 1").get(0)).containsEntry("actor", "system");
    }

    private long job(String state, Duration finishedAgo, String from, int items) {
        Instant finished = Instant.now().minus(finishedAgo);
        long id = ((Number) Rows.query(dataSource, """
                INSERT INTO recall_job (state, filter, reason, total, created_by, created_at, completed_at,
                    cancelled_at, cancelled_by)
                VALUES (?, '{}', 'spam', ?, 'alice', ?, ?, ?, ?) RETURNING id""", state, items,
                Timestamp.from(finished), state.equals("COMPLETED") ? Timestamp.from(finished) : null,
                state.equals("CANCELLED") ? Timestamp.from(finished) : null,
                state.equals("CANCELLED") ? "alice" : null).get(0).get("id")).longValue();
        for (int i = 0; i < items; i++) {
            Rows.execute(dataSource, """
                    INSERT INTO recall_item (job_id, message_id, from_account, to_account, msg_key, msg_time, outcome,
                        finished_at) VALUES (?, ?, ?, 'peer', ?, now(), 'RECALLED', now())""", id, -id * 10 - i,
                    from, "k" + i);
        }
        return id;
    }

    private List<Long> jobsLeft(Long... ids) {
        String list = String.join(",", Arrays.stream(ids).map(String::valueOf).toList());
        return Rows.query(dataSource, "SELECT id FROM recall_job WHERE id IN (" + list + ") ORDER BY id").stream()
                .map(row -> ((Number) row.get("id")).longValue()).toList();
    }
}
