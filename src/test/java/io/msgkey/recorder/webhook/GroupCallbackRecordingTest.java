package io.msgkey.recorder.webhook;

import static io.msgkey.recorder.testing.TencentCallbacks.GROUP_AFTER_RECALL;
import static io.msgkey.recorder.testing.TencentCallbacks.GROUP_AFTER_SEND;
import static io.msgkey.recorder.testing.TencentCallbacks.GROUP_BEFORE_SEND;
import static io.msgkey.recorder.testing.TencentCallbacks.sample;
import static io.msgkey.recorder.testing.TencentCallbacks.signed;
import static io.msgkey.recorder.testing.TencentCallbacks.uniqueGroupSample;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.agroal.api.AgroalDataSource;
import io.msgkey.recorder.testing.Rows;
import io.quarkus.test.junit.QuarkusTest;

/** Group callbacks from Tencent's samples end in group_message rows, through the same write path as one-to-one ones. */
@QuarkusTest
class GroupCallbackRecordingTest {

    private static final String TOPIC = "@TGS#_@TGS#cQVLVHIM62CJ@TOPIC#_TestTopic";

    @Inject
    AgroalDataSource dataSource;

    @Test
    void afterSendIsOneRowWithEveryIdentityFieldAndDuplicatesChangeNothing() {
        ObjectNode after = uniqueGroupSample("group-after-send", "send");
        post(GROUP_AFTER_SEND, after);
        post(GROUP_AFTER_SEND, after);

        List<Map<String, Object>> rows = rowsOf(after);
        assertThat(rows).hasSize(1);
        Map<String, Object> row = rows.get(0);
        assertThat(row).containsEntry("sdk_app_id", 1400000000L).containsEntry("topic_id", "")
                .containsEntry("msg_seq", 123L).containsEntry("from_account", "jared")
                .containsEntry("operator_account", "admin").containsEntry("msg_random", 123456L)
                .containsEntry("online_only", false).containsEntry("group_type", "Public")
                .containsEntry("msg_time_estimated", false).containsEntry("client_ip", "203.0.113.7")
                .containsEntry("platform", "iOS").containsEntry("source", "callback")
                .containsEntry("recalled_at", null);
        assertThat(row.get("msg_time")).isEqualTo(Instant.ofEpochSecond(1490686222L));
        assertThat(row.get("first_seen_at")).isNotNull();
        // one id order for both chats: the row took its id from the message table's sequence
        long next = Rows.count(dataSource, "SELECT nextval('message_id_seq')");
        assertThat((Long) row.get("id")).isLessThan(next);
    }

    @Test
    void aTopicIsPartOfTheKey() {
        ObjectNode plain = uniqueGroupSample("group-after-send", "topic");
        ObjectNode inTopic = plain.deepCopy();
        inTopic.put("TopicId", TOPIC);
        post(GROUP_AFTER_SEND, plain);
        post(GROUP_AFTER_SEND, inTopic);

        assertThat(rowsOf(plain)).extracting(row -> row.get("topic_id")).containsExactly("", TOPIC);
    }

    @Test
    void recallEchoMarksARecordedMessageRecalled() {
        ObjectNode after = uniqueGroupSample("group-after-send", "recalled");
        post(GROUP_AFTER_SEND, after);
        ObjectNode recall = recallOf(after, 123);
        recall.put("EventTime", "1670574414123");
        post(GROUP_AFTER_RECALL, recall);

        Map<String, Object> row = rowsOf(after).get(0);
        assertThat(row).containsEntry("recall_source", "tencent").containsEntry("recalled_by", "admin")
                .containsEntry("from_account", "jared").containsEntry("operator_account", "admin");
        assertThat(row.get("recalled_at")).isEqualTo(Instant.ofEpochMilli(1670574414123L));
        assertThat(row.get("recall_reported_at")).isNotNull();
        assertThat(row.get("msg_time")).isEqualTo(Instant.ofEpochSecond(1490686222L));
    }

    @Test
    void recallOfUnknownMessagesIsRecordedSoTheRecallIsNotLostAndTheLateSendFillsItIn() {
        ObjectNode recall = uniqueGroupSample("group-after-recall", "unknown");
        recall.putArray("MsgSeqList").addObject().put("MsgSeq", 130);
        recall.withArray("MsgSeqList").addObject().put("MsgSeq", 131);
        recall.withArray("MsgSeqList").addObject().put("MsgSeq", 130);
        post(GROUP_AFTER_RECALL, recall);

        List<Map<String, Object>> rows = rowsOf(recall);
        assertThat(rows).extracting(row -> row.get("msg_seq")).containsExactly(130L, 131L);
        assertThat(rows).allSatisfy(row -> {
            assertThat(row).containsEntry("topic_id", TOPIC).containsEntry("from_account", null)
                    .containsEntry("msg_time_estimated", true).containsEntry("recall_source", "tencent")
                    .containsEntry("group_type", "Community").containsEntry("client_ip", null);
            assertThat(row.get("msg_time")).isEqualTo(Instant.ofEpochMilli(1670574414123L));
        });

        ObjectNode lateSend = sample("group-after-send");
        lateSend.put("GroupId", recall.get("GroupId").asText()).put("TopicId", TOPIC).put("MsgSeq", 131);
        post(GROUP_AFTER_SEND, lateSend);
        Map<String, Object> merged = rowsOf(recall).get(1);
        assertThat(merged).containsEntry("from_account", "jared").containsEntry("msg_time_estimated", false)
                .containsEntry("recall_source", "tencent").containsEntry("recalled_by", "admin");
        assertThat(merged.get("msg_time")).isEqualTo(Instant.ofEpochSecond(1490686222L));
    }

    @Test
    void beforeSendIsAllowedAtOnceCountedAndNeverStored() {
        ObjectNode before = uniqueGroupSample("group-before-send", "before");
        double allowedBefore = allowed();
        signed(GROUP_BEFORE_SEND).body(before.toString()).post().statusCode(200)
                .body("ActionStatus", equalTo("OK")).body("ErrorCode", equalTo(0));
        // nothing in it is read, so even a body a stored callback would be refused for is allowed
        signed(GROUP_BEFORE_SEND).body("{\"GroupId\": 7}").post().statusCode(200).body("ErrorCode", equalTo(0));
        signed(GROUP_BEFORE_SEND).body("not json").post().statusCode(200).body("ErrorCode", equalTo(0));
        // named only in the body, it is read to find the command, and allowed the same
        signed(GROUP_BEFORE_SEND).param("CallbackCommand", null).body(before.toString()).post().statusCode(200)
                .body("ErrorCode", equalTo(0));

        assertThat(rowsOf(before)).isEmpty();
        assertThat(allowed() - allowedBefore).isEqualTo(4);
    }

    private static ObjectNode recallOf(ObjectNode after, long msgSeq) {
        ObjectNode recall = sample("group-after-recall");
        recall.put("GroupId", after.get("GroupId").asText()).remove("TopicId");
        recall.putArray("MsgSeqList").addObject().put("MsgSeq", msgSeq);
        return recall;
    }

    private static double allowed() {
        Matcher matcher = Pattern
                .compile("tencent_callbacks_total\\{command=\"Group.CallbackBeforeSendMsg\",outcome=\"allowed\"} (\\S+)")
                .matcher(given().get("/q/metrics").asString());
        return matcher.find() ? Double.parseDouble(matcher.group(1)) : 0;
    }

    private static void post(String command, ObjectNode body) {
        signed(command).body(body.toString()).post().statusCode(200).body("ActionStatus", equalTo("OK"))
                .body("ErrorCode", equalTo(0));
    }

    private List<Map<String, Object>> rowsOf(ObjectNode body) {
        return Rows.query(dataSource, "SELECT * FROM group_message WHERE group_id = ? ORDER BY topic_id, msg_seq",
                body.get("GroupId").asText());
    }
}
