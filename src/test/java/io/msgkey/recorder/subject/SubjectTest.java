package io.msgkey.recorder.subject;

import static io.msgkey.recorder.testing.Api.ALICE;
import static io.msgkey.recorder.testing.Api.CORA;
import static io.msgkey.recorder.testing.Api.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.msgkey.recorder.testing.Messages;
import io.msgkey.recorder.testing.RecallJobs;
import io.msgkey.recorder.testing.Rows;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

@QuarkusTest
class SubjectTest {

    private static final Instant T = Instant.parse("2024-06-01T00:00:00Z");

    @Inject
    AgroalDataSource dataSource;

    private String user;
    private String peer;
    private String other;

    @BeforeEach
    void records() {
        RecallJobs.settleEarlierJobs(dataSource);
        user = Messages.unique("subject");
        peer = Messages.unique("=peer");
        other = Messages.unique("other");
        Messages.insert(dataSource, user, peer, "sent-1", T);
        Messages.insert(dataSource, user, peer, "sent-2", T.plusSeconds(60));
        Messages.insert(dataSource, peer, user, "received-1", T.plusSeconds(120));
        Messages.insert(dataSource, user, user, "to-self", T.plusSeconds(180));
        Messages.insert(dataSource, peer, other, "not-theirs", T.plusSeconds(240));
    }

    @Test
    void theExportHoldsEveryRecordNamingTheUserWithItsRecallHistory() {
        long job = recalledByAJob("sent-2");

        JsonPath first = as(CORA).get("/api/subjects/" + user + "/messages?limit=3").then().statusCode(200).extract()
                .jsonPath();
        assertThat(first.getList("items.message.msgKey")).containsExactly("to-self", "received-1", "sent-2");
        assertThat(first.getList("items[2].recalls")).singleElement().asString().contains("job=" + job)
                .contains("outcome=RECALLED");
        JsonPath second = as(CORA).get("/api/subjects/" + user + "/messages?limit=3&cursor="
                + first.getString("nextCursor")).then().statusCode(200).extract().jsonPath();
        assertThat(second.getList("items.message.msgKey")).containsExactly("sent-1");
        assertThat(second.getString("nextCursor")).isNull();
        assertThat(Rows.count(dataSource, "SELECT count(*) FROM audit_entry WHERE action = 'SUBJECT_READ' "
                + "AND filter ->> 'user' = ?", user)).isEqualTo(2);
    }

    @Test
    void theCsvExportQuotesEveryCellAndDefusesFormulas() {
        long job = recalledByAJob("sent-1");
        String csv = as(CORA).accept("text/csv").get("/api/subjects/" + user + "/messages").then().statusCode(200)
                .header("Content-Disposition", containsString("attachment")).extract().asString();
        List<String> lines = csv.lines().toList();
        assertThat(lines.get(0)).startsWith("\"message_id\",\"chat\",\"from_account\",\"to_account\",\"msg_key\","
                + "\"group_id\",\"topic_id\"");
        assertThat(lines).hasSize(5);
        assertThat(lines).filteredOn(line -> line.contains("\"sent-1\"")).singleElement().asString()
                .contains("\"'" + peer + "\"").contains("\"job " + job + " RECALLED ");
        assertThat(csv).doesNotContain("not-theirs").doesNotContain(",\"" + peer);
        assertThat(Rows.count(dataSource, "SELECT count(*) FROM audit_entry WHERE action = 'SUBJECT_EXPORTED' "
                + "AND filter ->> 'user' = ?", user)).isEqualTo(1);
    }

    @Test
    void erasureIsRefusedUnderHoldAndThenRemovesTheUsersRecordsButNotTheEvidence() {
        long job = recalledByAJob("sent-1");
        Rows.execute(dataSource, """
                INSERT INTO message_stand_in (sdk_app_id, from_account, to_account, msg_key, msg_time)
                VALUES (1400000000, ?, ?, 'echo-1', now()), (1400000000, ?, ?, 'echo-2', now()),
                       (1400000000, ?, ?, 'echo-3', now())""", user, peer, peer, user, peer, other);
        long hold = as(CORA).body("{\"user\": \"" + user + "\", \"reason\": \"litigation\", \"reference\": \"c-9\"}")
                .post("/api/legal-holds").then().statusCode(201).extract().jsonPath().getLong("id");
        as(CORA).get("/api/subjects/" + user).then().statusCode(200).body("messages", equalTo(4))
                .body("activeHolds", equalTo(List.of((int) hold)));

        as(CORA).body("{\"reason\": \"GDPR art. 17\", \"reference\": \"dsr-1\"}")
                .post("/api/subjects/" + user + "/erase").then().statusCode(409)
                .body("error", equalTo(user + " is under legal hold (hold " + hold + ", c-9): their records cannot "
                        + "be erased until it is released"));
        assertThat(messagesNaming(user)).isEqualTo(4);

        as(CORA).post("/api/legal-holds/" + hold + "/release").then().statusCode(200);
        as(CORA).body("{\"reason\": \"GDPR art. 17\", \"reference\": \"dsr-1\"}")
                .post("/api/subjects/" + user + "/erase").then().statusCode(200).body("messages", equalTo(4));

        assertThat(messagesNaming(user)).isZero();
        assertThat(Rows.query(dataSource, "SELECT msg_key FROM message_stand_in WHERE from_account IN (?, ?, ?) "
                + "OR to_account IN (?, ?, ?)", user, peer, other, user, peer, other))
                .as("the write path's list of stand-ins names the user no more").extracting(row -> row.get("msg_key"))
                .containsExactly("echo-3");
        assertThat(Rows.count(dataSource, "SELECT count(*) FROM message WHERE msg_key = 'not-theirs' "
                + "AND from_account = ?", peer)).isEqualTo(1);
        assertThat(RecallJobs.items(dataSource, job)).singleElement()
                .satisfies(item -> assertThat(item).containsEntry("from_account", user).containsEntry("outcome",
                        "RECALLED"));
        List<Map<String, Object>> erased = Rows.query(dataSource, "SELECT reason, result_count, detail FROM "
                + "audit_entry WHERE action = 'SUBJECT_ERASED' AND filter ->> 'user' = ? ORDER BY id", user);
        assertThat(erased).extracting(row -> row.get("detail")).containsExactly("erasure started; reference dsr-1",
                "erasure finished; reference dsr-1");
        assertThat(erased.get(1)).containsEntry("result_count", 4L).containsEntry("reason", "GDPR art. 17");
        as(CORA).get("/api/subjects/" + user + "/messages").then().statusCode(200).body("items", equalTo(List.of()));
    }

    @Test
    void theGroupMessagesTheUserSentAreExportedAndErasedWithTheOneToOneOnes() {
        String group = Messages.unique("@TGS#subject");
        Rows.execute(dataSource, """
                INSERT INTO group_message (sdk_app_id, group_id, msg_seq, from_account, msg_time, first_seen_at)
                VALUES (1400000000, ?, 7, ?, ?, now()), (1400000000, ?, 8, ?, ?, now())""", group, user,
                Timestamp.from(T.plusSeconds(300)), group, other, Timestamp.from(T.plusSeconds(360)));

        JsonPath page = as(CORA).get("/api/subjects/" + user + "/messages?limit=2").then().statusCode(200).extract()
                .jsonPath();
        assertThat(page.getList("items.message.chat")).containsExactly("group", "c2c");
        assertThat(page.getString("items[0].message.groupId")).isEqualTo(group);
        assertThat(page.getLong("items[0].message.msgSeq")).isEqualTo(7);
        String csv = as(CORA).accept("text/csv").get("/api/subjects/" + user + "/messages").then().statusCode(200)
                .extract().asString();
        assertThat(csv.lines()).hasSize(6).filteredOn(line -> line.contains("\"group\"")).singleElement().asString()
                .contains(group + "\"");
        as(CORA).get("/api/subjects/" + user).then().statusCode(200).body("messages", equalTo(5));

        as(CORA).body("{\"reason\": \"request\"}").post("/api/subjects/" + user + "/erase").then().statusCode(200)
                .body("messages", equalTo(5));
        assertThat(Rows.count(dataSource, "SELECT count(*) FROM group_message WHERE group_id = ?", group))
                .isEqualTo(1);
    }

    @Test
    void aUserWithManyRowsIsErasedInChunks() {
        String heavy = Messages.unique("heavy");
        Rows.execute(dataSource, """
                INSERT INTO message (sdk_app_id, from_account, to_account, msg_key, msg_time, first_seen_at)
                SELECT 1400000000, ?, 'peer-' || (n % 50), 'k-' || n, now() - n * interval '1 second', now()
                FROM generate_series(1, ?) n""", heavy, SubjectErasure.CHUNK * 2 + 7);
        as(CORA).body("{\"reason\": \"request\"}").post("/api/subjects/" + heavy + "/erase").then().statusCode(200)
                .body("messages", equalTo(SubjectErasure.CHUNK * 2 + 7));
        assertThat(messagesNaming(heavy)).isZero();
    }

    @Test
    void erasureWaitsForRecallJobsThatStillHaveToRecallTheUsersMessages() {
        long job = RecallJobs.createFrom(ALICE, user);
        as(CORA).body("{\"reason\": \"request\"}").post("/api/subjects/" + user + "/erase").then().statusCode(409)
                .body("error", equalTo(user + " has 3 messages that recall jobs have yet to recall; let those jobs "
                        + "finish or cancel them, then erase"));
        as(ALICE).post("/api/recall-jobs/" + job + "/cancel").then().statusCode(200);
        as(CORA).body("{\"reason\": \"request\"}").post("/api/subjects/" + user + "/erase").then().statusCode(200)
                .body("messages", equalTo(4));
    }

    @Test
    void anErasureNeedsAReasonAndAUsableUser() {
        as(CORA).body("{\"reference\": \"x\"}").post("/api/subjects/" + user + "/erase").then().statusCode(400)
                .body("parameter", equalTo("reason"));
        as(CORA).body("{\"reason\": \"x\", \"why\": 1}").post("/api/subjects/" + user + "/erase").then()
                .statusCode(400).body("parameter", equalTo("why"));
        as(CORA).body("{\"reason\": \"x\"}").post("/api/subjects/{user}/erase", "a\u200Bb").then().statusCode(400)
                .body("parameter", equalTo("user"));
        assertThat(messagesNaming(user)).isEqualTo(4);
    }

    /** The message's item in a finished job, as a completed recall job leaves it. */
    private long recalledByAJob(String msgKey) {
        long job = ((Number) Rows.query(dataSource, """
                INSERT INTO recall_job (state, filter, reason, total, created_by, created_at, completed_at)
                VALUES ('COMPLETED', '{}', 'spam', 1, 'alice', now(), now()) RETURNING id""").get(0).get("id"))
                .longValue();
        Rows.execute(dataSource, """
                INSERT INTO recall_item (job_id, message_id, from_account, to_account, msg_key, msg_time, outcome,
                    attempts, finished_at)
                SELECT ?, id, from_account, to_account, msg_key, msg_time, 'RECALLED', 1, now() FROM message
                WHERE msg_key = ? AND from_account = ?""", job, msgKey, user);
        return job;
    }

    private long messagesNaming(String account) {
        return Rows.count(dataSource, "SELECT count(*) FROM message WHERE from_account = ? OR to_account = ?", account,
                account);
    }
}
