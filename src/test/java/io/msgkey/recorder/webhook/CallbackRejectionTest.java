package io.msgkey.recorder.webhook;

import static io.msgkey.recorder.testing.TencentCallbacks.AFTER_SEND;
import static io.msgkey.recorder.testing.TencentCallbacks.AFTER_WITHDRAW;
import static io.msgkey.recorder.testing.TencentCallbacks.BEFORE_SEND;
import static io.msgkey.recorder.testing.TencentCallbacks.TOKEN;
import static io.msgkey.recorder.testing.TencentCallbacks.sign;
import static io.msgkey.recorder.testing.TencentCallbacks.signed;
import static io.msgkey.recorder.testing.TencentCallbacks.uniqueSample;
import static io.msgkey.recorder.testing.TencentCallbacks.unsigned;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.io.ByteArrayInputStream;
import java.time.Instant;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.agroal.api.AgroalDataSource;
import io.msgkey.recorder.testing.CallbackRequest;
import io.msgkey.recorder.testing.Rows;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;

@QuarkusTest
class CallbackRejectionTest {

    @Inject
    AgroalDataSource dataSource;

    @Test
    void officialSignVectorIsReproduced() {
        assertThat(CallbackAuthenticator.sign("xxxxyyyy", "1669872112"))
                .isEqualTo("17773bc39a671d7b9aa835458704d2a6db81360a5940292b587d6d760d484061");
    }

    @Test
    void wrongSignIsRefused() {
        ObjectNode body = uniqueSample("c2c-after-send", "wrong-sign");
        long now = Instant.now().getEpochSecond();
        unsigned(AFTER_SEND).param("RequestTime", now).param("Sign", sign("another-token", "" + now))
                .body(body.toString()).post().statusCode(401)
                .body("ActionStatus", equalTo("FAIL")).body("ErrorCode", equalTo(401))
                .body("ErrorInfo", equalTo("Sign does not match"));
        assertNotStored(body);
    }

    @Test
    void signForAnotherTimeIsRefused() {
        ObjectNode body = uniqueSample("c2c-after-send", "other-time");
        long now = Instant.now().getEpochSecond();
        unsigned(AFTER_SEND).param("RequestTime", now).param("Sign", sign(TOKEN, "" + (now - 1)))
                .body(body.toString()).post().statusCode(401);
        assertNotStored(body);
    }

    @Test
    void upperCaseHexSignIsAccepted() {
        ObjectNode body = uniqueSample("c2c-after-send", "upper");
        long now = Instant.now().getEpochSecond();
        unsigned(AFTER_SEND).param("RequestTime", now).param("Sign", sign(TOKEN, "" + now).toUpperCase())
                .body(body.toString()).post().statusCode(200);
    }

    @ParameterizedTest
    @ValueSource(longs = { -61, 61, -3600 })
    void staleOrFutureRequestTimeIsRefused(long offset) {
        ObjectNode body = uniqueSample("c2c-after-send", "stale");
        signed(AFTER_SEND, Instant.now().getEpochSecond() + offset).body(body.toString()).post()
                .statusCode(401).body("ErrorInfo", containsString("RequestTime is more than 60 s from now"));
        assertNotStored(body);
    }

    @Test
    void requestTimeWithinTheWindowIsAccepted() {
        signed(AFTER_SEND, Instant.now().getEpochSecond() - 50)
                .body(uniqueSample("c2c-after-send", "recent").toString()).post()
                .statusCode(200);
    }

    @Test
    void missingSignOrRequestTimeIsRefused() {
        String body = uniqueSample("c2c-after-send", "missing").toString();
        long now = Instant.now().getEpochSecond();
        unsigned(AFTER_SEND).body(body).post().statusCode(401)
                .body("ErrorInfo", equalTo("Sign query parameter is required"));
        unsigned(AFTER_SEND).param("Sign", sign(TOKEN, "" + now)).body(body).post()
                .statusCode(401).body("ErrorInfo", equalTo("RequestTime query parameter is required"));
        unsigned(AFTER_SEND).param("RequestTime", "yesterday").param("Sign", sign(TOKEN, "yesterday"))
                .body(body).post().statusCode(401)
                .body("ErrorInfo", equalTo("RequestTime must be Unix seconds"));
    }

    @Test
    void anotherAppIsForbidden() {
        ObjectNode body = uniqueSample("c2c-after-send", "other-app");
        signed(AFTER_SEND).param("SdkAppid", 1400000001L).body(body.toString()).post()
                .statusCode(403).body("ActionStatus", equalTo("FAIL")).body("ErrorCode", equalTo(403))
                .body("ErrorInfo", equalTo("SdkAppid 1400000001 is not this service's app"));
        assertNotStored(body);
    }

    @Test
    void missingOrMalformedAppIdIsABadRequest() {
        String body = uniqueSample("c2c-after-send", "no-app").toString();
        expect400(signed(AFTER_SEND).param("SdkAppid", "").body(body), "SdkAppid query parameter is required");
        expect400(signed(AFTER_SEND).param("SdkAppid", "14000x").body(body), "SdkAppid must be a number");
    }

    @ParameterizedTest
    @ValueSource(strings = { "{\"From_Account\": ", "not json", "[1, 2]", "\"text\"", "{} {}",
            "{\"From_Account\":\"a\",\"From_Account\":\"b\"}" })
    void malformedBodiesAreBadRequests(String body) {
        expect400(signed(AFTER_SEND).body(body), null);
    }

    @Test
    void emptyBodyIsABadRequest() {
        expect400(signed(AFTER_SEND).body(""), "body is empty; expected a JSON object");
    }

    @Test
    void missingCommandIsABadRequest() {
        ObjectNode body = uniqueSample("c2c-after-send", "no-command");
        body.remove("CallbackCommand");
        expect400(signed(AFTER_SEND).param("CallbackCommand", "").body(body.toString()),
                "CallbackCommand is required, as a query parameter or in the body");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "From_Account | REMOVE | From_Account is required",
            "To_Account   | REMOVE | To_Account is required",
            "MsgKey       | REMOVE | MsgKey is required",
            "MsgSeq       | REMOVE | MsgSeq is required",
            "MsgRandom    | REMOVE | MsgRandom is required",
            "MsgTime      | REMOVE | MsgTime is required",
            "SendMsgResult| REMOVE | SendMsgResult is required",
            "From_Account | '\"\"'  | From_Account must not be empty",
            "MsgKey       | '\"\"'  | MsgKey must not be empty",
            "From_Account | 42     | From_Account must be a string",
            "To_Account   | true   | To_Account must be a string",
            "MsgSeq       | '\"abc\"' | MsgSeq must be an integer",
            "MsgSeq       | 1.5    | MsgSeq must be an integer",
            "MsgSeq       | -1     | MsgSeq must be an unsigned 32-bit integer",
            "MsgRandom    | 4294967296 | MsgRandom must be an unsigned 32-bit integer",
            "MsgTime      | 0      | MsgTime must be Unix seconds between 1970 and 2100",
            "MsgTime      | 253402300800 | MsgTime must be Unix seconds between 1970 and 2100",
            "MsgTime      | {}     | MsgTime must be an integer",
            "SendMsgResult| '\"ok\"' | SendMsgResult must be an integer",
            "From_Account | '\"a\\u0000b\"' | From_Account must not contain NUL characters",
    })
    void missingOrWrongTypedFieldsAreBadRequests(String field, String json, String error) throws Exception {
        ObjectNode body = uniqueSample("c2c-after-send", "field");
        ObjectNode original = body.deepCopy();
        if ("REMOVE".equals(json)) {
            body.remove(field);
        } else {
            body.set(field, new ObjectMapper().readTree(json));
        }
        expect400(signed(AFTER_SEND).body(body.toString()), error);
        assertNotStored(original);
    }

    @Test
    void anUnpairedSurrogateIsABadRequestNotAMergedRow() {
        ObjectNode body = uniqueSample("c2c-after-send", "surrogate");
        String key = body.get("MsgKey").asText();
        // the JSON escape, as a client would send it: Jackson would not write a lone surrogate itself
        String json = body.toString().replace("\"MsgKey\":\"" + key + "\"", "\"MsgKey\":\"" + key + "\\ud800\"");
        assertThat(json).contains("\\ud800");

        expect400(signed(AFTER_SEND).body(json), "MsgKey is not valid Unicode (it holds an unpaired surrogate)");

        assertThat(Rows.count(dataSource, "SELECT count(*) FROM message WHERE msg_key LIKE ?", key + "%")).isZero();
    }

    @Test
    void overlongAccountIsABadRequest() {
        ObjectNode body = uniqueSample("c2c-before-send", "long");
        body.put("To_Account", "x".repeat(257));
        expect400(signed(BEFORE_SEND).body(body.toString()), "To_Account is longer than 256 characters");
    }

    @Test
    void unusableQueryMetadataIsDroppedNotStoredOrRefused() {
        ObjectNode body = uniqueSample("c2c-after-send", "metadata");
        signed(AFTER_SEND).param("ClientIP", "1.2.3.4\u0000").param("OptPlatform", "x".repeat(65))
                .body(body.toString()).post().statusCode(200);
        assertThat(Rows.query(dataSource, "SELECT client_ip, platform FROM message WHERE msg_key = ?",
                body.get("MsgKey").asText()).get(0)).containsEntry("client_ip", null).containsEntry("platform", null);
    }

    @Test
    void implausibleEventTimeFallsBackToTheTimeOfReceipt() {
        ObjectNode body = uniqueSample("c2c-after-msg-withdraw", "event-time");
        body.put("EventTime", Long.MAX_VALUE);
        signed(AFTER_WITHDRAW).body(body.toString()).post().statusCode(200);
        assertThat((Instant) Rows.query(dataSource, "SELECT recalled_at FROM message WHERE msg_key = ?",
                body.get("MsgKey").asText()).get(0).get("recalled_at")).isAfter(Instant.now().minusSeconds(60));
    }

    @Test
    void unhandledCommandIsAcknowledgedWhateverItsBody() {
        signed("Group.CallbackSendMsgException").body("not json at all").post().statusCode(200)
                .body("ActionStatus", equalTo("OK"));
    }

    @Test
    void withdrawWithoutMsgKeyIsABadRequest() {
        ObjectNode body = uniqueSample("c2c-after-msg-withdraw", "withdraw-bad");
        body.remove("MsgKey");
        expect400(signed(AFTER_WITHDRAW).body(body.toString()), "MsgKey is required");
    }

    @Test
    void digitStringsAreAcceptedForIntegers() {
        ObjectNode body = uniqueSample("c2c-after-send", "digits");
        body.put("MsgSeq", "48374");
        body.put("MsgTime", "1557481126");
        signed(AFTER_SEND).body(body.toString()).post().statusCode(200);
        assertThat(Rows.count(dataSource, "SELECT count(*) FROM message WHERE msg_key = ? AND msg_seq = 48374",
                body.get("MsgKey").asText())).isEqualTo(1);
    }

    @Test
    void bodyOver64KiBIsABadRequestWithOrWithoutContentLength() {
        ObjectNode body = uniqueSample("c2c-after-send", "big");
        body.put("CloudCustomData", "x".repeat(64 * 1024));
        expect400(signed(AFTER_SEND).body(body.toString()), "body is larger than 64 KiB");
        expect400(signed(AFTER_SEND).body(new ByteArrayInputStream(body.toString().getBytes())),
                "body is larger than 64 KiB");
        assertNotStored(body);
    }

    @Test
    void bodyJustUnder64KiBIsAccepted() {
        ObjectNode body = uniqueSample("c2c-after-send", "fits");
        body.put("CloudCustomData", "");
        body.put("CloudCustomData", "x".repeat(64 * 1024 - body.toString().length()));
        signed(AFTER_SEND).body(body.toString()).post().statusCode(200);
    }

    private static void expect400(CallbackRequest request, String error) {
        ValidatableResponse response = request.post().statusCode(400)
                .body("ActionStatus", equalTo("FAIL")).body("ErrorCode", equalTo(400));
        if (error != null) {
            response.body("ErrorInfo", equalTo(error));
        }
    }

    private void assertNotStored(ObjectNode body) {
        assertThat(Rows.count(dataSource, "SELECT count(*) FROM message WHERE msg_key = ?", body.get("MsgKey").asText()))
                .isZero();
    }
}
