package io.msgkey.recorder.audit;

import static io.msgkey.recorder.testing.Api.ALICE;
import static io.msgkey.recorder.testing.Api.BOB;
import static io.msgkey.recorder.testing.Api.CAROL;
import static io.msgkey.recorder.testing.Api.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.equalTo;

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
class AuditTrailTest {

    @Inject
    AgroalDataSource dataSource;

    private String sender;

    @BeforeEach
    void messages() {
        RecallJobs.settleEarlierJobs(dataSource);
        sender = Messages.unique("audited");
        Messages.insert(dataSource, sender, Messages.unique("to"), "k1", Instant.parse("2024-07-01T00:00:00Z"));
        Messages.insert(dataSource, sender, Messages.unique("to"), "k2", Instant.parse("2024-07-01T00:01:00Z"));
    }

    @Test
    void searchesAndCountsAreRecordedWithTheirFilterAndResult() {
        as(ALICE).queryParam("from", sender).queryParam("since", "2024-07-01T00:00:00Z").get("/api/messages").then()
                .statusCode(200);
        as(BOB).queryParam("from", sender).get("/api/messages/count").then().statusCode(200);

        Map<String, Object> search = last("SEARCH", ALICE);
        assertThat(search).containsEntry("result_count", 2L);
        assertThat((String) search.get("filter")).contains("\"from\": \"" + sender + "\"")
                .contains("\"since\": \"2024-07-01T00:00:00Z\"").contains("\"state\": \"active\"");
        Map<String, Object> count = last("COUNT", BOB);
        assertThat(count).containsEntry("result_count", 2L);
    }

    @Test
    void jobActsAreRecordedWithWhoWhenAndWhy() {
        long job = RecallJobs.create(ALICE, """
                {"filter": {"from": "%s"}, "reason": "legal_order", "reference": "court-7", "note": "order 7"}"""
                .formatted(sender)).getLong("id");
        RecallJobs.confirm(BOB, job);
        as(ALICE).post("/api/recall-jobs/" + job + "/cancel").then().statusCode(200);

        List<Map<String, Object>> acts = Rows.query(dataSource,
                "SELECT * FROM audit_entry WHERE job_id = ? ORDER BY id", job);
        assertThat(acts).extracting(act -> act.get("action")).containsExactly("JOB_CREATED", "JOB_CONFIRMED",
                "JOB_CANCELLED");
        assertThat(acts).extracting(act -> act.get("actor")).containsExactly(ALICE, BOB, ALICE);
        assertThat(acts).allSatisfy(act -> {
            assertThat(act.get("occurred_at")).isNotNull();
            assertThat(act.get("reason")).isEqualTo("legal_order");
        });
        assertThat(acts.get(0)).containsEntry("result_count", 2L).containsEntry("detail",
                "reference: court-7; note: order 7");
        assertThat(acts.get(2)).containsEntry("result_count", 2L);
    }

    @Test
    void theDatabaseRefusesToChangeOrRemoveTheTrail() {
        as(ALICE).queryParam("from", sender).get("/api/messages").then().statusCode(200);
        long id = (Long) last("SEARCH", ALICE).get("id");

        assertThatThrownBy(() -> Rows.execute(dataSource, "UPDATE audit_entry SET actor = 'nobody' WHERE id = ?", id))
                .hasMessageContaining("audit_entry is append-only: UPDATE refused");
        assertThatThrownBy(() -> Rows.execute(dataSource, "DELETE FROM audit_entry WHERE id = ?", id))
                .hasMessageContaining("audit_entry is append-only: DELETE refused");
        assertThatThrownBy(() -> Rows.execute(dataSource, "TRUNCATE audit_entry"))
                .hasMessageContaining("audit_entry is append-only: TRUNCATE refused");
        assertThat(Rows.query(dataSource, "SELECT actor FROM audit_entry WHERE id = ?", id).get(0))
                .containsEntry("actor", ALICE);
    }

    @Test
    void auditorsReadTheTrailByActorActionAndTimeInPages() {
        String marker = Messages.unique("marker");
        for (int i = 0; i < 3; i++) {
            as(BOB).queryParam("from", marker).get("/api/messages").then().statusCode(200);
        }
        String since = Instant.now().minusSeconds(60).toString();
        JsonPath first = as(CAROL).queryParam("actor", BOB).queryParam("action", "search").queryParam("limit", 2)
                .queryParam("since", since).get("/api/audit").then()
                .statusCode(200).extract().jsonPath();
        assertThat(first.getList("items.actor", String.class)).containsOnly(BOB).hasSize(2);
        assertThat(first.getList("items.action", String.class)).containsOnly("SEARCH");
        assertThat(first.getString("items[0].filter.from")).isEqualTo(marker);
        List<Long> ids = first.getList("items.id", Long.class);
        assertThat(ids.get(0)).isGreaterThan(ids.get(1));
        JsonPath second = as(CAROL).queryParam("actor", BOB).queryParam("action", "search").queryParam("limit", 2)
                .queryParam("since", since).queryParam("cursor", first.getString("nextCursor")).get("/api/audit").then()
                .statusCode(200)
                .extract().jsonPath();
        assertThat(second.getList("items.id", Long.class)).isNotEmpty().allMatch(id -> id < ids.get(1));
        as(CAROL).queryParam("until", "2000-01-01T00:00:00Z").get("/api/audit").then().statusCode(200)
                .body("items.size()", equalTo(0));
    }

    @Test
    void badAuditParametersAreNamed() {
        as(CAROL).queryParam("action", "LOOKED").get("/api/audit").then().statusCode(400).body("parameter",
                equalTo("action"));
        as(CAROL).queryParam("since", "2024-02-01T00:00:00Z").queryParam("until", "2024-01-01T00:00:00Z")
                .get("/api/audit").then().statusCode(400).body("parameter", equalTo("until"));
        as(CAROL).queryParam("since", "last week").get("/api/audit").then().statusCode(400).body("parameter",
                equalTo("since"));
        as(CAROL).queryParam("cursor", "garbage").get("/api/audit").then().statusCode(400).body("parameter",
                equalTo("cursor"));
    }

    @Test
    void trailExportsAsCsvAndTheExportIsItselfAudited() {
        String marker = Messages.unique("csv");
        as(BOB).queryParam("from", marker).get("/api/messages").then().statusCode(200);
        String csv = as(CAROL).accept("text/csv").queryParam("actor", BOB).queryParam("action", "SEARCH")
                .get("/api/audit").then().statusCode(200).contentType("text/csv").extract().asString();
        List<String> lines = csv.lines().toList();
        assertThat(lines.get(0)).isEqualTo("\"id\",\"occurred_at\",\"actor\",\"action\",\"job_id\",\"filter\","
                + "\"result_count\",\"reason\",\"detail\"");
        assertThat(lines.get(1)).contains(",\"bob\",\"SEARCH\",\"\",").contains(marker);
        assertThat(last("AUDIT_EXPORTED", CAROL)).isNotNull();
        // the export is the same endpoint as the pages: their parameters are not unknown to it, and others are
        as(CAROL).accept("text/csv").queryParam("actor", BOB).queryParam("limit", 5).get("/api/audit").then()
                .statusCode(200).contentType("text/csv");
        as(CAROL).accept("text/csv").queryParam("actr", BOB).get("/api/audit").then().statusCode(400)
                .body("parameter", equalTo("actr"));
    }

    @Test
    void injectionShapedFilterValuesAreStoredLiterally() {
        String nasty = "x'); DROP TABLE audit_entry; --" + Messages.unique("");
        as(ALICE).queryParam("from", nasty).get("/api/messages").then().statusCode(200).body("items.size()",
                equalTo(0));
        assertThat((String) last("SEARCH", ALICE).get("filter")).contains(nasty);
        assertThat(Rows.count(dataSource, "SELECT count(*) FROM audit_entry")).isPositive();
    }

    private Map<String, Object> last(String action, String actor) {
        List<Map<String, Object>> rows = Rows.query(dataSource, "SELECT id, actor, action, job_id, "
                + "filter::text AS filter, result_count, reason, detail FROM audit_entry WHERE action = ? AND actor = ? "
                + "ORDER BY id DESC LIMIT 1", action, actor);
        return rows.isEmpty() ? null : rows.get(0);
    }
}
