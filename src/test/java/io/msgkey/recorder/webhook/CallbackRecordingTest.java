package io.msgkey.recorder.webhook;

import static io.msgkey.recorder.testing.TencentCallbacks.AFTER_SEND;
import static io.msgkey.recorder.testing.TencentCallbacks.AFTER_WITHDRAW;
import static io.msgkey.recorder.testing.TencentCallbacks.BEFORE_SEND;
import static io.msgkey.recorder.testing.TencentCallbacks.sample;
import static io.msgkey.recorder.testing.TencentCallbacks.signed;
import static io.msgkey.recorder.testing.TencentCallbacks.uniqueSample;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.agroal.api.AgroalDataSource;
import io.msgkey.recorder.testing.Rows;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class CallbackRecordingTest {

    @Inject
    AgroalDataSource dataSource;

    @Test
    void beforeAfterAndDuplicateEndInOneRowWithBothFlags() {
        ObjectNode before = uniqueSample("c2c-before-send", "merge");
        ObjectNode after = sample("c2c-after-send");
        after.put("From_Account", before.get("From_Account").asText());
        after.put("MsgKey", before.get("MsgKey").asText());

        post(BEFORE_SEND, before);
        post(AFTER_SEND, after);
        post(AFTER_SEND, after);
        post(BEFORE_SEND, before);

        List<Map<String, Object>> rows = rowsOf(before);
        assertThat(rows).hasSize(1);
        Map<String, Object> row = rows.get(0);
        assertThat(row).containsEntry("sdk_app_id", 1400000000L).containsEntry("to_account", "Jonh")
                .containsEntry("msg_seq", 48374L).containsEntry("msg_random", 2837546L)
                .containsEntry("online_only", true).containsEntry("client_ip", "203.0.113.7")
                .containsEntry("platform", "iOS").containsEntry("seen_before", true).containsEntry("seen_after", true)
                .containsEntry("send_result", 0).containsEntry("delivered", true);
        assertThat(row.get("msg_time")).isEqualTo(Instant.ofEpochSecond(1557481126L));
        assertThat(row.get("first_seen_at")).isNotNull();
        assertThat(row.get("recalled_at")).isNull();
    }

    @Test
    void afterBeforeBeforeIsTheSameRowAsBeforeAfter() {
        ObjectNode before = uniqueSample("c2c-before-send", "reverse");
        ObjectNode after = sample("c2c-after-send");
        after.put("From_Account", before.get("From_Account").asText());
        after.put("MsgKey", before.get("MsgKey").asText());

        post(AFTER_SEND, after);
        post(BEFORE_SEND, before);

        Map<String, Object> row = rowsOf(before).get(0);
        assertThat(row).containsEntry("seen_before", true).containsEntry("seen_after", true).containsEntry("send_result",
                0);
    }

    @Test
    void failedSendIsKeptButUndelivered() {
        ObjectNode failed = uniqueSample("c2c-after-send-failed", "failed");
        post(AFTER_SEND, failed);

        Map<String, Object> row = rowsOf(failed).get(0);
        assertThat(row).containsEntry("send_result", 80001).containsEntry("delivered", false)
                .containsEntry("seen_before", false).containsEntry("seen_after", true);
    }

    @Test
    void withdrawEchoMarksARecordedMessageRecalled() {
        ObjectNode after = uniqueSample("c2c-after-send", "withdrawn");
        post(AFTER_SEND, after);
        ObjectNode withdraw = sample("c2c-after-msg-withdraw");
        withdraw.put("From_Account", after.get("From_Account").asText());
        withdraw.put("MsgKey", after.get("MsgKey").asText());
        post(AFTER_WITHDRAW, withdraw);

        List<Map<String, Object>> rows = rowsOf(after);
        assertThat(rows).hasSize(1);
        Map<String, Object> row = rows.get(0);
        assertThat(row).containsEntry("recall_source", "tencent").containsEntry("seen_after", true)
                .containsEntry("msg_seq", 48374L);
        assertThat(row.get("recalled_at")).isNotNull();
        assertThat(row.get("recall_reported_at")).isNotNull();
    }

    @Test
    void withdrawEchoOfAnUnknownMessageIsRecordedSoTheRecallIsNotLost() {
        ObjectNode withdraw = uniqueSample("c2c-after-msg-withdraw", "unknown");
        withdraw.put("EventTime", 1557481200123L);
        post(AFTER_WITHDRAW, withdraw);

        Map<String, Object> row = rowsOf(withdraw).get(0);
        assertThat(row).containsEntry("recall_source", "tencent").containsEntry("seen_before", false)
                .containsEntry("seen_after", false).containsEntry("msg_seq", null);
        assertThat(row.get("recalled_at")).isEqualTo(Instant.ofEpochMilli(1557481200123L));
        assertThat(row.get("msg_time")).isEqualTo(row.get("recalled_at"));

        ObjectNode lateAfter = sample("c2c-after-send");
        lateAfter.put("From_Account", withdraw.get("From_Account").asText());
        lateAfter.put("MsgKey", withdraw.get("MsgKey").asText());
        post(AFTER_SEND, lateAfter);
        Map<String, Object> merged = rowsOf(withdraw).get(0);
        assertThat(merged.get("msg_time")).isEqualTo(Instant.ofEpochSecond(1557481126L));
        assertThat(merged).containsEntry("recall_source", "tencent").containsEntry("seen_after", true);
    }

    @Test
    void unhandledCommandsAreAcknowledgedCountedAndNotStored() {
        long before = Rows.count(dataSource, "SELECT count(*) FROM message");
        signed("State.StateChange").body(sample("state-change-unhandled").toString()).post()
                .statusCode(200).body("ActionStatus", equalTo("OK")).body("ErrorCode", equalTo(0))
                .body("ErrorInfo", equalTo(""));
        signed("Group.CallbackSendMsgException").body(sample("group-before-send").toString()).post()
                .statusCode(200).body("ActionStatus", equalTo("OK"));

        assertThat(Rows.count(dataSource, "SELECT count(*) FROM message")).isEqualTo(before);
        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("tencent_callbacks_total{command=\"State.StateChange\",outcome=\"ignored\"}"))
                .body(containsString(
                        "tencent_callbacks_total{command=\"Group.CallbackSendMsgException\",outcome=\"ignored\"}"));
    }

    @Test
    void commandMayComeFromTheBodyAlone() {
        ObjectNode after = uniqueSample("c2c-after-send", "body-command");
        signed(AFTER_SEND).param("CallbackCommand", "").body(after.toString()).post()
                .statusCode(200).body("ActionStatus", equalTo("OK"));
        assertThat(rowsOf(after)).hasSize(1);
    }

    @Test
    void fiftyConcurrentDuplicateDeliveriesEndInOneRow() throws Exception {
        ObjectNode after = uniqueSample("c2c-after-send", "concurrent");
        ExecutorService pool = Executors.newFixedThreadPool(50);
        try {
            List<Callable<Integer>> posts = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                posts.add(() -> signed(AFTER_SEND).body(after.toString()).post().extract().statusCode());
            }
            for (Future<Integer> status : pool.invokeAll(posts)) {
                assertThat(status.get()).isEqualTo(200);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(rowsOf(after)).hasSize(1);
    }

    @Test
    void healthReportsTheDatabaseAndMetricsReportStoreLatency() {
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"))
                .body("checks.find { it.name == 'callback recorder' }.data.database", equalTo("reachable"));
        post(AFTER_SEND, uniqueSample("c2c-after-send", "metrics"));
        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("ingest_store_latency_seconds_count{outcome=\"stored\"}"))
                .body(containsString("tencent_callbacks_total{command=\"C2C.CallbackAfterSendMsg\",outcome=\"stored\"}"));
        given().get("/q/openapi").then().statusCode(200).body(containsString("/tencent/callback"));
    }

    private static void post(String command, ObjectNode body) {
        signed(command).body(body.toString()).post().statusCode(200)
                .body("ActionStatus", equalTo("OK")).body("ErrorCode", equalTo(0));
    }

    private List<Map<String, Object>> rowsOf(ObjectNode body) {
        return Rows.query(dataSource,
                "SELECT * FROM message WHERE from_account = ? AND to_account = ? AND msg_key = ?",
                body.get("From_Account").asText(), body.get("To_Account").asText(), body.get("MsgKey").asText());
    }
}
