package io.msgkey.recorder.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.msgkey.recorder.ingest.IdentityText;

/** Typed reads from a callback body, each refusal naming the field and what is wrong with it. */
class CallbackPayloadTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void textIsReadAsGiven() {
        assertThat(payload("{\"MsgKey\": \" 31906_833502 \"}").requiredText("MsgKey")).isEqualTo(" 31906_833502 ");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "text   | {}                           | MsgKey is required",
            "text   | {\"MsgKey\": null}           | MsgKey is required",
            "text   | {\"MsgKey\": 12}             | MsgKey must be a string",
            "text   | {\"MsgKey\": \"\"}           | MsgKey must not be empty",
            "text   | {\"MsgKey\": \"a\\u0000b\"}  | MsgKey must not contain NUL characters",
            "text   | {\"MsgKey\": \"a\\ud800b\"}  | MsgKey is not valid Unicode (it holds an unpaired surrogate)",
            "uint32 | {\"MsgKey\": 4294967296}     | MsgKey must be an unsigned 32-bit integer",
            "uint32 | {\"MsgKey\": -1}             | MsgKey must be an unsigned 32-bit integer",
            "uint32 | {\"MsgKey\": 1.5}            | MsgKey must be an integer",
            "uint32 | {\"MsgKey\": \"12a\"}        | MsgKey must be an integer",
            "uint32 | {\"MsgKey\": true}           | MsgKey must be an integer",
            "uint32 | {}                           | MsgKey is required",
    })
    void unusableFieldsAreRefused(String type, String body, String error) {
        CallbackPayload payload = payload(body);
        assertRefused(() -> {
            if (type.equals("text")) {
                payload.requiredText("MsgKey");
            } else {
                payload.requiredUint32("MsgKey");
            }
        }, error);
    }

    @Test
    void textLongerThanAnIndexCanHoldIsRefused() {
        assertRefused(() -> payload("{\"MsgKey\": \"" + "k".repeat(257) + "\"}").requiredText("MsgKey"),
                "MsgKey is longer than 256 characters");
        assertThat(payload("{\"MsgKey\": \"" + "k".repeat(256) + "\"}").requiredText("MsgKey")).hasSize(256);
    }

    @Test
    void surrogatePairsAreWellFormedLoneHalvesAreNot() {
        assertThat(IdentityText.wellFormed("emoji \ud83d\ude00")).isTrue();
        assertThat(IdentityText.wellFormed("\ude00 first")).isFalse();
        assertThat(IdentityText.wellFormed("last \ud83d")).isFalse();
    }

    @Test
    void integersAreAcceptedAsNumbersOrDigitStrings() {
        JsonNode body = json("{\"MsgSeq\": 4294967295, \"MsgRandom\": \"12\", \"MsgTime\": 1700000000}");
        CallbackPayload payload = new CallbackPayload(body);

        assertThat(payload.requiredUint32("MsgSeq")).isEqualTo(4294967295L);
        assertThat(payload.requiredUint32("MsgRandom")).isEqualTo(12L);
        assertThat(payload.requiredLong("MsgTime")).isEqualTo(1700000000L);
        assertThat(payload.optionalLong("OnlineOnlyFlag")).isEmpty();
    }

    @Test
    void anIntBeyondItsRangeIsRefused() {
        assertRefused(() -> payload("{\"SendMsgResult\": 2147483648}").requiredInt("SendMsgResult"),
                "SendMsgResult is out of range");
        assertThat(payload("{\"SendMsgResult\": -2147483648}").requiredInt("SendMsgResult"))
                .isEqualTo(Integer.MIN_VALUE);
    }

    private static void assertRefused(Runnable read, String error) {
        assertThatThrownBy(read::run).isInstanceOfSatisfying(CallbackRejected.class, rejected -> {
            assertThat(rejected.status()).isEqualTo(400);
            assertThat(rejected.getMessage()).isEqualTo(error);
        });
    }

    private static CallbackPayload payload(String body) {
        return new CallbackPayload(json(body));
    }

    private static JsonNode json(String body) {
        try {
            return JSON.readTree(body);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }
}
