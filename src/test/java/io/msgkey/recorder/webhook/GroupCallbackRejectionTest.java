package io.msgkey.recorder.webhook;

import static io.msgkey.recorder.testing.TencentCallbacks.GROUP_AFTER_RECALL;
import static io.msgkey.recorder.testing.TencentCallbacks.GROUP_AFTER_SEND;
import static io.msgkey.recorder.testing.TencentCallbacks.signed;
import static io.msgkey.recorder.testing.TencentCallbacks.uniqueGroupSample;
import static io.msgkey.recorder.testing.TencentCallbacks.unsigned;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.agroal.api.AgroalDataSource;
import io.msgkey.recorder.testing.CallbackRequest;
import io.msgkey.recorder.testing.Rows;
import io.quarkus.test.junit.QuarkusTest;

/** Group callbacks are held to the one-to-one rules: signed, for this app, and every field the record needs usable. */
@QuarkusTest
class GroupCallbackRejectionTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    AgroalDataSource dataSource;

    @Test
    void unsignedOrAnotherAppsGroupCallbacksAreRefused() {
        ObjectNode body = uniqueGroupSample("group-after-send", "unsigned");
        unsigned(GROUP_AFTER_SEND).body(body.toString()).post().statusCode(401).body("ErrorCode", equalTo(401));
        signed(GROUP_AFTER_RECALL).param("SdkAppid", 1400000001L).body(body.toString()).post().statusCode(403)
                .body("ErrorCode", equalTo(403));
        assertNotStored(body);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "GroupId      | REMOVE     | GroupId is required",
            "GroupId      | 42         | GroupId must be a string",
            "GroupId      | '\"\"'      | GroupId must not be empty",
            "MsgSeq       | REMOVE     | MsgSeq is required",
            "MsgSeq       | 0          | MsgSeq must be a positive integer",
            "MsgSeq       | -3         | MsgSeq must be a positive integer",
            "MsgSeq       | '\"abc\"'   | MsgSeq must be an integer",
            "MsgSeq       | 1.5        | MsgSeq must be an integer",
            "From_Account | REMOVE     | From_Account is required",
            "From_Account | '[]'       | From_Account must be a string",
            "MsgTime      | REMOVE     | MsgTime is required",
            "MsgTime      | 0          | MsgTime must be Unix seconds between 1970 and 2100",
            "Random       | 4294967296 | Random must be an unsigned 32-bit integer",
            "TopicId      | 7          | TopicId must be a string",
            "Type         | '{}'       | Type must be a string",
    })
    void malformedAfterSendIsABadRequest(String field, String json, String error) throws Exception {
        ObjectNode body = uniqueGroupSample("group-after-send", "bad-send");
        ObjectNode original = body.deepCopy();
        change(body, field, json);
        expect400(signed(GROUP_AFTER_SEND).body(body.toString()), error);
        assertNotStored(original);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "MsgSeqList   | REMOVE                         | MsgSeqList is required",
            "MsgSeqList   | '[]'                           | MsgSeqList must be a non-empty array",
            "MsgSeqList   | '{\"MsgSeq\": 1}'              | MsgSeqList must be a non-empty array",
            "MsgSeqList   | '[5]'                          | MsgSeqList[0] must be an object",
            "MsgSeqList   | '[{\"MsgSeq\": 1}, {}]'        | MsgSeqList[1].MsgSeq is required",
            "MsgSeqList   | '[{\"MsgSeq\": 1}, {\"MsgSeq\": 0}]' | MsgSeqList[1].MsgSeq must be a positive integer",
            "GroupId      | REMOVE                         | GroupId is required",
            "GroupId      | 'null'                         | GroupId is required",
    })
    void malformedRecallEchoIsABadRequestAndRecordsNothing(String field, String json, String error)
            throws Exception {
        ObjectNode body = uniqueGroupSample("group-after-recall", "bad-recall");
        ObjectNode original = body.deepCopy();
        change(body, field, json);
        expect400(signed(GROUP_AFTER_RECALL).body(body.toString()), error);
        assertNotStored(original);
    }

    private static void change(ObjectNode body, String field, String json) throws Exception {
        if ("REMOVE".equals(json)) {
            body.remove(field);
        } else {
            body.set(field, JSON.readTree(json));
        }
    }

    private static void expect400(CallbackRequest request, String error) {
        request.post().statusCode(400).body("ActionStatus", equalTo("FAIL")).body("ErrorCode", equalTo(400))
                .body("ErrorInfo", equalTo(error));
    }

    private void assertNotStored(ObjectNode body) {
        assertThat(Rows.count(dataSource, "SELECT count(*) FROM group_message WHERE group_id = ?",
                body.get("GroupId").asText())).isZero();
    }
}
