package io.msgkey.recorder.imports;

import static io.msgkey.recorder.testing.Api.IVAN;
import static io.msgkey.recorder.testing.Api.as;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.function.Consumer;
import java.util.stream.Stream;

import jakarta.inject.Inject;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.agroal.api.AgroalDataSource;
import io.msgkey.recorder.testing.Exchanges;
import io.msgkey.recorder.testing.Rows;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** Every refusal of an import: a 400 naming the field, and nothing of the body recorded. */
@QuarkusTest
class ImportRefusalTest {

    @Inject
    AgroalDataSource dataSource;

    static Stream<Arguments> refusals() {
        return Stream.of(
                refusal("unknown api", "api", "must be v4/openim/sendmsg or v4/openim/batchsendmsg",
                        e -> e.put("api", "v4/openim/admin_msgwithdraw")),
                refusal("api missing", "api", "api is required", e -> remove(e, "api")),
                refusal("api not a string", "api", "must be v4/openim/sendmsg", e -> e.put("api", 7)),
                refusal("MsgKey missing from an OK reply", "response.MsgKey", "response.MsgKey is required",
                        e -> remove(response(e), "MsgKey")),
                refusal("MsgKey empty", "response.MsgKey", "response.MsgKey must not be empty",
                        e -> response(e).put("MsgKey", "")),
                refusal("sendmsg To_Account an array", "request.To_Account", "must be a string: sendmsg has one "
                        + "recipient", e -> request(e).putArray("To_Account").add("a")),
                refusal("sendmsg To_Account a number", "request.To_Account", "request.To_Account must be a string",
                        e -> request(e).put("To_Account", 42)),
                refusal("sendmsg To_Account missing", "request.To_Account", "request.To_Account is required",
                        e -> remove(request(e), "To_Account")),
                refusal("batchsendmsg To_Account a string", "request.To_Account", "must be an array of strings",
                        e -> request(e.put("api", "v4/openim/batchsendmsg")).put("To_Account", "a")),
                refusal("batchsendmsg recipient a number", "request.To_Account[1]", "request.To_Account[1] must be "
                        + "a string",
                        e -> request(e.put("api", "v4/openim/batchsendmsg")).putArray("To_Account")
                                .add("a").add(3)),
                refusal("batchsendmsg no recipients", "request.To_Account", "must name at least one recipient",
                        e -> request(e.put("api", "v4/openim/batchsendmsg")).putArray("To_Account")),
                refusal("ErrorList entry without To_Account", "response.ErrorList[0].To_Account",
                        "response.ErrorList[0].To_Account is required",
                        e -> {
                            request(e.put("api", "v4/openim/batchsendmsg")).putArray("To_Account").add("a");
                            response(e).putArray("ErrorList").addObject().put("ErrorCode", 70107);
                        }),
                refusal("From_Account empty", "request.From_Account", "request.From_Account must not be empty",
                        e -> request(e).put("From_Account", "")),
                refusal("From_Account with NUL", "request.From_Account", "must not contain NUL",
                        e -> request(e).put("From_Account", "a\u0000b")),
                refusal("MsgRandom past 32 bits", "request.MsgRandom", "unsigned 32-bit",
                        e -> request(e).put("MsgRandom", 4294967296L)),
                refusal("MsgSeq not a number", "request.MsgSeq", "request.MsgSeq must be an integer",
                        e -> request(e).put("MsgSeq", "seq")),
                refusal("MsgTime in milliseconds", "response.MsgTime", "Unix seconds between 1970 and 2100",
                        e -> response(e).put("MsgTime", 1572870301000L)),
                refusal("ActionStatus missing", "response.ActionStatus", "response.ActionStatus is required",
                        e -> remove(response(e), "ActionStatus")),
                refusal("request missing", "request", "request is required", e -> remove(e, "request")),
                refusal("request not an object", "request", "request must be a JSON object",
                        e -> e.put("request", "sendmsg")),
                refusal("response missing", "response", "response is required", e -> remove(e, "response")),
                refusal("unknown field of an exchange", "Request", "unknown field Request; the body is one exchange",
                        e -> e.put("Request", 1)),
                refusal("unknown fields listed together", "extra", "unknown fields extra, note",
                        e -> e.put("note", "x").put("extra", 1)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusals")
    void aBadExchangeIsRefusedNamingTheField(String name, String parameter, String message,
            Consumer<ObjectNode> change) {
        ObjectNode exchange = Exchanges.sendmsg("refused");
        String sender = Exchanges.from(exchange);
        change.accept(exchange);

        refused(exchange.toString(), parameter, message);
        ObjectNode good = Exchanges.sendmsg("refused-beside");
        refused(ImportTest.batchOf(good, exchange), "exchanges[1]." + parameter, "exchanges[1]." + parameter);
        assertThat(Rows.count(dataSource, "SELECT count(*) FROM message WHERE from_account = ANY (?)",
                (Object) new String[] { Exchanges.from(good), sender })).isZero();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("bodies")
    void aBadBodyIsRefusedNamingTheField(String name, String body, String parameter, String message) {
        refused(body, parameter, message);
    }

    static Stream<Arguments> bodies() {
        ObjectNode tooMany = JsonNodeFactory.instance.objectNode();
        ArrayNode list = tooMany.putArray("exchanges");
        for (int i = 0; i < 1001; i++) {
            list.add(Exchanges.sendmsg("too-many"));
        }
        return Stream.of(
                Arguments.of("more than 1,000 exchanges", tooMany.toString(), "exchanges",
                        "exchanges holds 1001 exchanges; at most 1000"),
                Arguments.of("no exchanges", "{\"exchanges\": []}", "exchanges", "at least one exchange"),
                Arguments.of("exchanges not a list", "{\"exchanges\": {}}", "exchanges", "must be an array"),
                Arguments.of("an exchange not an object", "{\"exchanges\": [1]}", "exchanges[0]",
                        "exchanges[0] must be a JSON object"),
                Arguments.of("unknown field beside exchanges", "{\"exchanges\": [], \"dryRun\": true}", "dryRun",
                        "unknown field dryRun; the body is one exchange"),
                Arguments.of("not JSON", "{\"api\": ", null, "not valid JSON"),
                Arguments.of("not an object", "[]", null, "must be a JSON object"),
                Arguments.of("a field twice", "{\"api\": \"v4/openim/sendmsg\", \"api\": \"x\"}", null,
                        "not valid JSON"));
    }

    private static void refused(String body, String parameter, String message) {
        JsonPath error = as(IVAN).body(body).post("/api/imports").then().statusCode(400).extract().jsonPath();
        assertThat(error.getInt("status")).isEqualTo(400);
        assertThat(error.getString("parameter")).isEqualTo(parameter);
        assertThat(error.getString("error")).contains(message);
    }

    private static Arguments refusal(String name, String parameter, String message, Consumer<ObjectNode> change) {
        return Arguments.of(name, parameter, message, change);
    }

    private static ObjectNode request(ObjectNode exchange) {
        return (ObjectNode) exchange.get("request");
    }

    private static ObjectNode response(ObjectNode exchange) {
        return (ObjectNode) exchange.get("response");
    }

    private static ObjectNode remove(ObjectNode node, String field) {
        node.remove(field);
        return node;
    }
}
