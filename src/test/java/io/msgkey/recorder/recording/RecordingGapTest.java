package io.msgkey.recorder.recording;

import static io.msgkey.recorder.testing.Api.ALICE;
import static io.msgkey.recorder.testing.Api.CAROL;
import static io.msgkey.recorder.testing.Api.IVAN;
import static io.msgkey.recorder.testing.Api.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.msgkey.recorder.testing.Rows;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** The record's blind spots: times no instance was accepting callbacks (test profile: beats every 1 s, gaps 3 s). */
@QuarkusTest
class RecordingGapTest {

    @Inject
    RecordingHeartbeat heartbeat;

    @Inject
    AgroalDataSource dataSource;

    @Test
    void aStoppedHeartbeatLeavesAGapFromItsLastBeatToItsNextStart() throws Exception {
        Instant since = Instant.now();
        await().atMost(Duration.ofSeconds(10)).until(() -> lastBeat().isAfter(since));
        assertThat(gaps(since, null).getList("gaps")).isEmpty();

        heartbeat.stop();
        Instant stopped = lastBeat();
        Thread.sleep(4500);
        Instant restarted = Instant.now();
        heartbeat.start();

        JsonPath report = gaps(since, null);
        List<Map<String, Object>> gaps = report.getList("gaps");
        assertThat(gaps).hasSize(1);
        Instant from = Instant.parse((String) gaps.get(0).get("from"));
        Instant until = Instant.parse((String) gaps.get(0).get("until"));
        assertThat(from).isEqualTo(stopped);
        assertThat(until).isBetween(restarted, restarted.plusSeconds(1));
        assertThat((Integer) gaps.get(0).get("seconds")).isBetween(4, 6);
        assertThat(Instant.parse(report.getString("asOf"))).isAfter(until);
        assertThat(gaps(since, stopped.plusSeconds(2)).getList("gaps")).as("shorter than the threshold").isEmpty();
        assertThat(Rows.count(dataSource, "SELECT count(DISTINCT started_at) FROM recording_interval "
                + "WHERE last_beat >= ?", Timestamp.from(since))).isEqualTo(2);
    }

    @Test
    void aRangeBeforeAnyRecordingIsOneGap() {
        as(CAROL).queryParam("since", "2020-01-01T00:00:00Z").queryParam("until", "2020-01-02T00:00:00Z")
                .get("/api/recording/gaps").then().statusCode(200)
                .body("gaps.from", equalTo(List.of("2020-01-01T00:00:00Z")))
                .body("gaps.until", equalTo(List.of("2020-01-02T00:00:00Z")))
                .body("gaps.seconds", equalTo(List.of(86400)));
    }

    @Test
    void withoutSinceTheRangeIsTheRoamingPeriodUpToNow() {
        JsonPath report = as(ALICE).get("/api/recording/gaps").then().statusCode(200).extract().jsonPath();
        Instant asOf = Instant.parse(report.getString("asOf"));
        assertThat(report.getString("gaps[0].from")).isEqualTo(asOf.minus(Duration.ofDays(7)).toString());
    }

    @Test
    void badRangesAreRefusedAndImportersMayNotLook() {
        as(ALICE).queryParam("since", "2024-05-02T00:00:00Z").queryParam("until", "2024-05-01T00:00:00Z")
                .get("/api/recording/gaps").then().statusCode(400).body("parameter", equalTo("until"));
        as(ALICE).queryParam("since", "last week").get("/api/recording/gaps").then().statusCode(400)
                .body("parameter", equalTo("since")).body("error", containsString("ISO-8601"));
        as(ALICE).queryParam("from", "2024-05-01T00:00:00Z").get("/api/recording/gaps").then().statusCode(400)
                .body("parameter", equalTo("from"));
        as(IVAN).get("/api/recording/gaps").then().statusCode(403);
    }

    private Instant lastBeat() {
        return (Instant) Rows.query(dataSource, "SELECT max(last_beat) AS last FROM recording_interval").get(0)
                .get("last");
    }

    private static JsonPath gaps(Instant since, Instant until) {
        var request = as(ALICE).queryParam("since", since.toString());
        if (until != null) {
            request.queryParam("until", until.toString());
        }
        return request.get("/api/recording/gaps").then().statusCode(200).extract().jsonPath();
    }
}
