package io.msgkey.recorder.retention;

import static io.msgkey.recorder.testing.Api.ALICE;
import static io.msgkey.recorder.testing.Api.CAROL;
import static io.msgkey.recorder.testing.Api.CORA;
import static io.msgkey.recorder.testing.Api.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.msgkey.recorder.testing.Messages;
import io.msgkey.recorder.testing.Rows;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

@QuarkusTest
@TestProfile(MessageRetentionProfile.class)
class MessageRetentionTest {

    private static final long APP = 1400000000L;
    private static int nextDay = 40;

    @Inject
    AgroalDataSource dataSource;

    @BeforeEach
    void nothingOldFromEarlierTests() {
        as(CORA).post("/api/retention/run").then().statusCode(200);
    }

    @Test
    void oldDaysGoWholeTheirHeldRecordsStaySearchableAndASecondRunRemovesNothing() {
        LocalDate old = oldDay();
        String held = Messages.unique("held");
        String other = Messages.unique("other");
        as(CORA).body("{\"user\": \"" + held + "\", \"reason\": \"litigation\"}").post("/api/legal-holds").then()
                .statusCode(201);
        long heldSent = insert(held, other, at(old, 1));
        long heldReceived = insert(other, held, at(old, 2));
        insert(other, "peer-a", at(old, 3));
        insert(other, "peer-b", at(old, 4));
        insert(other, "peer-c", at(old, 5));
        long heldGroup = insertGroup(held, at(old, 6));
        insertGroup(other, at(old, 7));
        insertGroup(other, at(old, 8));
        // a day no partition covers: kept in the default partition, removed row by row
        insert(other, "peer-d", at(old.minusDays(400), 1));
        long heldInDefault = insert(held, "peer-e", at(old.minusDays(400), 2));
        long recent = insert(other, "peer-f", Instant.now());

        as(CORA).post("/api/retention/run").then().statusCode(200).body("partitions", equalTo(2))
                .body("messages", equalTo(6)).body("keptForHold", equalTo(3)).body("recallJobs", equalTo(0))
                .body("dropping", equalTo(2));

        Days.awaitDropped(dataSource, day("message", old), day("group_message", old));
        assertThat(searchIds("user", held)).containsExactlyInAnyOrder(heldSent, heldReceived, heldGroup,
                heldInDefault);
        assertThat(searchIds("user", other)).containsExactlyInAnyOrder(heldSent, heldReceived, recent);
        assertThat(Rows.query(dataSource, "SELECT tableoid::regclass::text AS partition FROM message WHERE id = ?",
                heldSent).get(0)).containsEntry("partition", "message_default");

        as(CORA).post("/api/retention/run").then().statusCode(200).body("partitions", equalTo(0))
                .body("messages", equalTo(0)).body("keptForHold", equalTo(0));
        assertThat(Rows.query(dataSource, "SELECT filter FROM audit_entry WHERE action = 'RETENTION_RUN' "
                + "ORDER BY id DESC LIMIT 2")).extracting(row -> row.get("filter").toString())
                .allSatisfy(filter -> assertThat(filter).contains("\"partitions\"", "\"messages\"", "\"keptForHold\""));
        JsonPath status = as(CAROL).get("/api/retention").then().statusCode(200).body("messages", equalTo("P30D"))
                .extract().jsonPath();
        assertThat(status.getInt("lastRun.removed.partitions")).isZero();
    }

    @Test
    void aDayARunDetachedBeforeItCrashedIsDroppedByTheNext() {
        LocalDate old = oldDay();
        insert(Messages.unique("crashed"), "peer", at(old, 1));
        insert(Messages.unique("crashed"), "peer", at(old, 2));
        Rows.execute(dataSource, "ALTER TABLE message DETACH PARTITION " + day("message", old));

        as(CORA).post("/api/retention/run").then().statusCode(200).body("partitions", equalTo(2))
                .body("messages", equalTo(2));
        Days.awaitDropped(dataSource, day("message", old), day("group_message", old));
    }

    @Test
    void twoConcurrentRunsRemoveEachDayOnce() throws Exception {
        LocalDate first = oldDay();
        LocalDate second = oldDay();
        for (LocalDate old : List.of(first, second)) {
            for (int i = 0; i < 5; i++) {
                insert(Messages.unique("twice"), "peer", at(old, i + 1));
            }
        }
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            CyclicBarrier start = new CyclicBarrier(2);
            List<Future<Response>> runs = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                runs.add(pool.submit(() -> {
                    start.await();
                    return as(CORA).post("/api/retention/run");
                }));
            }
            int messages = 0;
            int partitions = 0;
            for (Future<Response> run : runs) {
                Response response = run.get();
                assertThat(response.statusCode()).as(response.asString()).isIn(200, 409);
                if (response.statusCode() == 200) {
                    messages += response.jsonPath().getInt("messages");
                    partitions += response.jsonPath().getInt("partitions");
                }
            }
            assertThat(messages).isEqualTo(10);
            assertThat(partitions).isEqualTo(4);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void onlyComplianceRunsIt() {
        as(ALICE).post("/api/retention/run").then().statusCode(403);
        as(CAROL).post("/api/retention/run").then().statusCode(403);
    }

    private LocalDate oldDay() {
        return Days.old(dataSource, nextDay++);
    }

    private static String day(String parent, LocalDate day) {
        return Days.name(parent, day);
    }

    private static Instant at(LocalDate day, int hour) {
        return Days.at(day, hour);
    }

    private long insert(String from, String to, Instant msgTime) {
        return Messages.insert(dataSource, from, to, Messages.unique("key"), msgTime);
    }

    private long insertGroup(String from, Instant msgTime) {
        return ((Number) Rows.query(dataSource, """
                INSERT INTO group_message (sdk_app_id, group_id, msg_seq, from_account, msg_time, first_seen_at)
                VALUES (?, ?, 1, ?, ?, now()) RETURNING id""", APP, Messages.unique("@TGS#retention"), from,
                java.sql.Timestamp.from(msgTime)).get(0).get("id")).longValue();
    }

    private static List<Long> searchIds(String parameter, String value) {
        return as(ALICE).queryParam(parameter, value).queryParam("chat", "all").queryParam("state", "all")
                .queryParam("limit", 100).get("/api/messages").then().statusCode(200).extract().jsonPath()
                .getList("items.id", Long.class);
    }
}
