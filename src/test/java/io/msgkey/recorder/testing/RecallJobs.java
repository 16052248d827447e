package io.msgkey.recorder.testing;

import static io.msgkey.recorder.testing.Api.as;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;

import io.restassured.path.json.JsonPath;

/** Creating, confirming and watching recall jobs through the API, and reading what the Tencent stub received. */
public final class RecallJobs {

    private static final ObjectMapper JSON = new ObjectMapper();

    private RecallJobs() {
    }

    /** Leaves no job of an earlier test running, so a worker started now works only on this test's jobs. */
    public static void settleEarlierJobs(DataSource dataSource) {
        Rows.execute(dataSource, "UPDATE recall_item SET outcome = 'SKIPPED' WHERE outcome = 'PENDING'");
        Rows.execute(dataSource, "UPDATE recall_job SET state = 'CANCELLED' WHERE state IN "
                + "('FREEZING', 'AWAITING_CONFIRMATION', 'RUNNING', 'PAUSED')");
    }

    public static JsonPath create(String user, String body) {
        return as(user).body(body).post("/api/recall-jobs").then().statusCode(201).extract().jsonPath();
    }

    public static long createFrom(String user, String sender) {
        return create(user, """
                {"filter": {"from": "%s"}, "reason": "spam", "reference": "ticket-1"}""".formatted(sender))
                .getLong("id");
    }

    public static JsonPath confirm(String user, long job) {
        return as(user).post("/api/recall-jobs/" + job + "/confirm").then().statusCode(200).extract().jsonPath();
    }

    public static JsonPath get(String user, long job) {
        return as(user).get("/api/recall-jobs/" + job).then().statusCode(200).extract().jsonPath();
    }

    public static JsonPath awaitState(long job, String state) {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> state.equals(get(Api.ALICE, job).getString("state")));
        return get(Api.ALICE, job);
    }

    /** MsgKey of every admin_msgwithdraw request the stub received, with how often it was asked for. */
    public static Map<String, Long> withdrawCallsByKey(WireMockServer tencent) {
        return tencent.getAllServeEvents().stream()
                .filter(event -> event.getRequest().getUrl().startsWith("/v4/openim/admin_msgwithdraw"))
                .map(event -> read(event.getRequest().getBodyAsString()).get("MsgKey").asText())
                .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
    }

    public static List<Map<String, Object>> items(DataSource dataSource, long job) {
        return Rows.query(dataSource, "SELECT * FROM recall_item WHERE job_id = ? ORDER BY id", job);
    }

    private static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
