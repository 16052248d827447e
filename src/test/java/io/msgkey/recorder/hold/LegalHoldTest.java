package io.msgkey.recorder.hold;

import static io.msgkey.recorder.testing.Api.CAROL;
import static io.msgkey.recorder.testing.Api.CORA;
import static io.msgkey.recorder.testing.Api.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.agroal.api.AgroalDataSource;
import io.msgkey.recorder.testing.Messages;
import io.msgkey.recorder.testing.Rows;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

@QuarkusTest
class LegalHoldTest {

    @Inject
    AgroalDataSource dataSource;

    @Test
    void aHoldIsPlacedListedAndReleasedOnceEachStepAudited() {
        String user = Messages.unique("held");
        long id = as(CORA).body("""
                {"user": "  %s ", "reason": "litigation", "reference": "case-7"}""".formatted(user))
                .post("/api/legal-holds").then().statusCode(201)
                .body("user", equalTo(user)).body("active", equalTo(true)).body("createdBy", equalTo(CORA))
                .extract().jsonPath().getLong("id");

        JsonPath listed = as(CAROL).get("/api/legal-holds").then().statusCode(200).extract().jsonPath();
        Map<String, Object> mine = listed.<Map<String, Object>> getList("items").stream()
                .filter(hold -> ((Number) hold.get("id")).longValue() == id).findFirst().orElseThrow();
        assertThat(mine).containsEntry("user", user).containsEntry("reason", "litigation")
                .containsEntry("reference", "case-7").containsEntry("active", true);

        as(CORA).post("/api/legal-holds/" + id + "/release").then().statusCode(200).body("active", equalTo(false))
                .body("releasedBy", equalTo(CORA));
        as(CORA).post("/api/legal-holds/" + id + "/release").then().statusCode(409)
                .body("error", startsWith("legal hold " + id + " was already released by cora"));
        as(CORA).post("/api/legal-holds/999999999/release").then().statusCode(404);

        List<Map<String, Object>> trail = Rows.query(dataSource, "SELECT actor, action, reason FROM audit_entry "
                + "WHERE filter ->> 'user' = ? ORDER BY id", user);
        assertThat(trail).extracting(row -> row.get("action")).containsExactly("HOLD_CREATED", "HOLD_RELEASED");
        assertThat(trail).extracting(row -> row.get("reason")).containsOnly("litigation");
        assertThat(Rows.count(dataSource, "SELECT count(*) FROM audit_entry WHERE action = 'HOLDS_LISTED' "
                + "AND actor = ?", CAROL)).isPositive();
    }

    @Test
    void holdsArePagedNewestFirst() {
        for (int i = 0; i < 3; i++) {
            as(CORA).body("{\"user\": \"" + Messages.unique("paged") + "\", \"reason\": \"r\"}")
                    .post("/api/legal-holds").then().statusCode(201);
        }
        JsonPath first = as(CORA).get("/api/legal-holds?limit=2").then().statusCode(200).extract().jsonPath();
        List<Long> ids = first.getList("items.id", Long.class);
        assertThat(ids).hasSize(2).isSortedAccordingTo((a, b) -> Long.compare(b, a));
        List<Long> next = as(CORA).get("/api/legal-holds?limit=2&cursor=" + first.getString("nextCursor")).then()
                .statusCode(200).extract().jsonPath().getList("items.id", Long.class);
        assertThat(next).isNotEmpty().allMatch(id -> id < ids.get(1));
        as(CORA).get("/api/legal-holds?cursor=forged").then().statusCode(400).body("parameter", equalTo("cursor"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "{\"reason\": \"r\"}                                   | user",
            "{\"user\": \"  \", \"reason\": \"r\"}                 | user",
            "{\"user\": \"a\\u200Bb\", \"reason\": \"r\"}          | user",
            "{\"user\": \"a\"}                                     | reason",
            "{\"user\": \"a\", \"reason\": \" \"}                  | reason",
            "{\"user\": \"a\", \"reason\": \"r\", \"refrence\": \"x\"} | refrence",
            "{\"user\": \"a\", \"reason\": \"r\", \"reference\": LONG} | reference",
    })
    void aBadHoldIsRefusedNamingTheField(String body, String field) {
        long before = Rows.count(dataSource, "SELECT count(*) FROM legal_hold");
        as(CORA).body(body.replace("LONG", "\"" + "x".repeat(201) + "\"")).post("/api/legal-holds").then()
                .statusCode(400).body("parameter", equalTo(field));
        assertThat(Rows.count(dataSource, "SELECT count(*) FROM legal_hold")).isEqualTo(before);
    }
}
