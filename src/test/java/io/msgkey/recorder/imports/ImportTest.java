package io.msgkey.recorder.imports;

import static io.msgkey.recorder.testing.Api.ALICE;
import static io.msgkey.recorder.testing.Api.IVAN;
import static io.msgkey.recorder.testing.Api.as;
import static io.msgkey.recorder.testing.TencentCallbacks.AFTER_SEND;
import static io.msgkey.recorder.testing.TencentCallbacks.BEFORE_SEND;
import static io.msgkey.recorder.testing.TencentCallbacks.signed;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.agroal.api.AgroalDataSource;
import io.msgkey.recorder.testing.Exchanges;
import io.msgkey.recorder.testing.Rows;
import io.msgkey.recorder.testing.TencentCallbacks;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

@QuarkusTest
class ImportTest {

    private static final Instant SAMPLE_MSG_TIME = Instant.ofEpochSecond(1572870301L);

    @Inject
    AgroalDataSource dataSource;

    @Test
    void sendmsgExchangeIsRecordedWithItsKeyTimeAndSourceAndNoBody() {
        ObjectNode exchange = Exchanges.sendmsg("single");

        JsonPath answer = importing(exchange.toString());

        assertThat(answer.getInt("recorded")).isEqualTo(1);
        assertThat(answer.getList("notRecorded")).isEmpty();
        Map<String, Object> row = onlyRow(Exchanges.from(exchange));
        assertThat(row).containsEntry("to_account", "lumotuwe2").containsEntry("msg_key", Exchanges.msgKey(exchange))
                .containsEntry("msg_seq", 93847636L).containsEntry("msg_random", 1287657L)
                .containsEntry("source", "import").containsEntry("msg_time_estimated", false)
                .containsEntry("platform", "RESTAPI").containsEntry("seen_before", false)
                .containsEntry("seen_after", false).containsEntry("send_result", null)
                .containsEntry("delivered", true);
        assertThat(row.get("msg_time")).isEqualTo(SAMPLE_MSG_TIME);
        assertThat(row.toString()).doesNotContain("hi, beauty").doesNotContain("your cloud custom data");
        as(ALICE).queryParam("from", Exchanges.from(exchange)).get("/api/messages").then().statusCode(200)
                .body("items", hasSize(1)).body("items[0].source", equalTo("import"))
                .body("items[0].msgTimeEstimated", equalTo(false))
                .body("items[0].msgKey", equalTo(Exchanges.msgKey(exchange)));
    }

    @Test
    void batchRecordsEveryRecipientButThoseInErrorListUnderTheOneMsgKeyAtTheTimeOfImport() {
        ObjectNode exchange = Exchanges.batchsendmsg("batch", "bonnie", "rong", "clyde", "bonnie");
        Instant before = Instant.now();

        JsonPath answer = importing(exchange.toString());

        assertThat(answer.getInt("recorded")).isEqualTo(2);
        assertThat(answer.getList("notRecorded")).hasSize(1);
        assertThat(answer.getString("notRecorded[0].to")).isEqualTo("rong");
        assertThat(answer.getInt("notRecorded[0].exchange")).isZero();
        assertThat(answer.getString("notRecorded[0].reason")).contains("ErrorList").contains("70107")
                .contains("does not exist");
        List<Map<String, Object>> rows = rows(Exchanges.from(exchange));
        assertThat(rows).extracting(row -> row.get("to_account")).containsExactlyInAnyOrder("bonnie", "clyde");
        assertThat(rows).allSatisfy(row -> {
            assertThat(row).containsEntry("msg_key", Exchanges.msgKey(exchange)).containsEntry("msg_seq", 28360L)
                    .containsEntry("msg_random", 19901224L).containsEntry("source", "import")
                    .containsEntry("msg_time_estimated", true);
            assertThat((Instant) row.get("msg_time")).isBetween(before.minusSeconds(1), Instant.now());
        });
        as(ALICE).queryParam("from", Exchanges.from(exchange)).get("/api/messages").then()
                .body("items.msgTimeEstimated", equalTo(List.of(true, true)));
    }

    @Test
    void theBatchSampleAsGivenIsSentByTheAdminAccount() {
        ObjectNode exchange = Exchanges.sample("rest-batchsendmsg-exchange");
        ((ObjectNode) exchange.get("response")).put("MsgKey", "4852_28135_1579678877_" + System.nanoTime());

        assertThat(importing(exchange.toString()).getInt("recorded")).isEqualTo(1);

        assertThat(Rows.query(dataSource, "SELECT * FROM message WHERE msg_key = ?", Exchanges.msgKey(exchange)))
                .singleElement().satisfies(row -> assertThat(row).containsEntry("from_account", "administrator")
                        .containsEntry("to_account", "bonnie"));
    }

    @Test
    void importingTheSameExchangeAgainChangesNothing() {
        ObjectNode exchange = Exchanges.sendmsg("twice");
        importing(exchange.toString());
        Map<String, Object> first = onlyRow(Exchanges.from(exchange));

        assertThat(importing(exchange.toString()).getInt("recorded")).isEqualTo(1);

        assertThat(onlyRow(Exchanges.from(exchange))).isEqualTo(first);
    }

    @Test
    void aLaterCallbackOfAnImportedMessageAddsOnlyWhatTheCallbackKnows() {
        ObjectNode exchange = Exchanges.sendmsg("then-callback");
        importing(exchange.toString());
        Map<String, Object> imported = onlyRow(Exchanges.from(exchange));

        signed(AFTER_SEND).body(callbackOf(exchange, "c2c-after-send").toString()).post().statusCode(200);

        Map<String, Object> merged = onlyRow(Exchanges.from(exchange));
        assertThat(merged).containsEntry("source", "import").containsEntry("seen_after", true)
                .containsEntry("send_result", 0).containsEntry("client_ip", "203.0.113.7")
                .containsEntry("msg_time", SAMPLE_MSG_TIME).containsEntry("first_seen_at", imported.get("first_seen_at"))
                .containsEntry("msg_seq", imported.get("msg_seq")).containsEntry("platform", "RESTAPI");
    }

    @Test
    void anImportAfterTheCallbackKeepsTheCallbackAsSource() {
        ObjectNode exchange = Exchanges.sendmsg("callback-first");
        signed(BEFORE_SEND).body(callbackOf(exchange, "c2c-before-send").toString()).post().statusCode(200);

        importing(exchange.toString());

        assertThat(onlyRow(Exchanges.from(exchange))).containsEntry("source", "callback")
                .containsEntry("seen_before", true).containsEntry("msg_time", SAMPLE_MSG_TIME);
    }

    @Test
    void failedRepliesAreNotRecordedAndSayWhy() {
        ObjectNode sendFailed = Exchanges.sendmsg("send-failed");
        sendFailed.set("response", JsonNodeFactory.instance.objectNode().put("ActionStatus", "FAIL")
                .put("ErrorInfo", "Fail to Parse json data of body, Please check it").put("ErrorCode", 90001));
        ObjectNode batchFailed = Exchanges.batchsendmsg("batch-failed", "x1", "x2");
        batchFailed.set("response", JsonNodeFactory.instance.objectNode().put("ActionStatus", "FAIL")
                .put("ErrorInfo", "invalid To_Account").put("ErrorCode", 90012));
        ObjectNode sent = Exchanges.sendmsg("sent-beside");

        JsonPath answer = importing(batchOf(sendFailed, batchFailed, sent));

        assertThat(answer.getInt("recorded")).isEqualTo(1);
        assertThat(answer.getList("notRecorded.to")).containsExactly("lumotuwe2", "x1", "x2");
        assertThat(answer.getList("notRecorded.exchange")).containsExactly(0, 1, 1);
        assertThat(answer.getString("notRecorded[0].reason")).contains("90001");
        assertThat(answer.getString("notRecorded[1].reason")).contains("90012").contains("invalid To_Account");
        assertThat(rows(Exchanges.from(sendFailed))).isEmpty();
        assertThat(rows(Exchanges.from(batchFailed))).isEmpty();
        assertThat(rows(Exchanges.from(sent))).hasSize(1);
    }

    @Test
    void aBatchOfAThousandExchangesIsTaken() {
        ObjectNode[] exchanges = new ObjectNode[1000];
        for (int i = 0; i < exchanges.length; i++) {
            exchanges[i] = Exchanges.sendmsg("thousand");
            ((ObjectNode) exchanges[i].get("request")).put("From_Account", "thousand-sender");
        }
        long start = System.nanoTime();

        assertThat(importing(batchOf(exchanges)).getInt("recorded")).isEqualTo(1000);

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(20));
        assertThat(Rows.count(dataSource, "SELECT count(*) FROM message WHERE from_account = 'thousand-sender' AND "
                + "msg_key = ANY (?)", (Object) keys(exchanges))).isEqualTo(1000);
    }

    @Test
    void onlyTheImporterMayImport() {
        as(ALICE).body(Exchanges.sendmsg("not-importer").toString()).post("/api/imports").then().statusCode(403);
        as(IVAN).queryParam("from", "x").get("/api/messages").then().statusCode(403)
                .body("error", containsString("ivan is not allowed"));
    }

    private String[] keys(ObjectNode[] exchanges) {
        String[] keys = new String[exchanges.length];
        for (int i = 0; i < exchanges.length; i++) {
            keys[i] = Exchanges.msgKey(exchanges[i]);
        }
        return keys;
    }

    private JsonPath importing(String body) {
        return as(IVAN).body(body).post("/api/imports").then().statusCode(200).extract().jsonPath();
    }

    static String batchOf(ObjectNode... exchanges) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        ArrayNode list = body.putArray("exchanges");
        for (ObjectNode exchange : exchanges) {
            list.add(exchange);
        }
        return body.toString();
    }

    /** The callback Tencent sends for the exchange's message (sendmsg fires them unless told not to). */
    private static ObjectNode callbackOf(ObjectNode exchange, String sample) {
        ObjectNode callback = TencentCallbacks.sample(sample);
        callback.put("From_Account", Exchanges.from(exchange));
        callback.put("To_Account", exchange.get("request").get("To_Account").asText());
        callback.put("MsgKey", Exchanges.msgKey(exchange));
        callback.put("MsgSeq", exchange.get("request").get("MsgSeq").asLong());
        callback.put("MsgRandom", exchange.get("request").get("MsgRandom").asLong());
        callback.put("MsgTime", exchange.get("response").get("MsgTime").asLong());
        return callback;
    }

    private List<Map<String, Object>> rows(String from) {
        return Rows.query(dataSource, "SELECT * FROM message WHERE from_account = ? ORDER BY to_account", from);
    }

    private Map<String, Object> onlyRow(String from) {
        List<Map<String, Object>> rows = rows(from);
        assertThat(rows).hasSize(1);
        return rows.get(0);
    }
}
