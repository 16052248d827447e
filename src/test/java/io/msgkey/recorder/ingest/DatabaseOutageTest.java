package io.msgkey.recorder.ingest;

import static io.msgkey.recorder.testing.Api.ALICE;
import static io.msgkey.recorder.testing.Api.IVAN;
import static io.msgkey.recorder.testing.Api.as;
import static io.msgkey.recorder.testing.TencentCallbacks.AFTER_SEND;
import static io.msgkey.recorder.testing.TencentCallbacks.BEFORE_SEND;
import static io.msgkey.recorder.testing.TencentCallbacks.signed;
import static io.msgkey.recorder.testing.TencentCallbacks.uniqueSample;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.agroal.api.AgroalDataSource;
import io.msgkey.recorder.testing.Exchanges;
import io.msgkey.recorder.testing.Rows;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;

@QuarkusTest
@TestProfile(DatabaseOutageProfile.class)
class DatabaseOutageTest {

    @Inject
    AgroalDataSource dataSource;

    @Test
    void spoolLeftByACrashIsReplayedAtStart() {
        await().atMost(Duration.ofSeconds(15)).until(() -> Rows.count(dataSource,
                "SELECT count(*) FROM message WHERE msg_key LIKE 'crash-left-%'") == 3);
    }

    @Test
    void aRecordingIntervalLeftByACrashDuringAnOutageIsSavedAtStart() {
        await().atMost(Duration.ofSeconds(15)).until(() -> Rows.count(dataSource,
                "SELECT count(*) FROM recording_interval WHERE instance = ? AND started_at = ? AND last_beat = ?",
                DatabaseOutageProfile.CRASHED_INSTANCE, Timestamp.from(DatabaseOutageProfile.CRASHED_FROM),
                Timestamp.from(DatabaseOutageProfile.CRASHED_LAST_BEAT)) == 1);
        as(ALICE).queryParam("since", "2024-06-01T09:00:00Z").queryParam("until", "2024-06-01T11:00:00Z")
                .get("/api/recording/gaps").then().statusCode(200)
                .body("gaps.from", equalTo(List.of("2024-06-01T09:00:00Z", "2024-06-01T10:05:00Z")))
                .body("gaps.until", equalTo(List.of("2024-06-01T10:00:00Z", "2024-06-01T11:00:00Z")))
                .body("gaps.seconds", equalTo(List.of(3600, 3300)));
    }

    @Test
    void anOutageSpentSpoolingIsNoGapAndImportsMadeDuringItAreSpooledAndAnswered() throws Exception {
        Instant start = Instant.now();
        ObjectNode exchange = Exchanges.sendmsg("outage");

        DatabaseOutageProfile.proxy.cut();
        try {
            await().atMost(Duration.ofSeconds(10)).until(() -> beatsKeptBesideTheSpool(start));
            as(IVAN).body(exchange.toString()).post("/api/imports").then().statusCode(200).body("recorded", equalTo(1));
            Thread.sleep(5000);
        } finally {
            DatabaseOutageProfile.proxy.restore();
        }

        await().atMost(Duration.ofSeconds(30)).until(() -> Rows.count(dataSource,
                "SELECT count(*) FROM message WHERE msg_key = ? AND source = 'import'", Exchanges.msgKey(exchange)) == 1);
        await().atMost(Duration.ofSeconds(15))
                .until(() -> !Files.exists(DatabaseOutageProfile.SPOOL.resolve("recording-intervals.json")));
        assertThat(gapsSince(start)).as("the outage lasted longer than the gap threshold (3 s)").isEmpty();
    }

    /** While the database is away, the current interval is kept in a file beside the spool, beat by beat. */
    private static boolean beatsKeptBesideTheSpool(Instant since) throws Exception {
        Path file = DatabaseOutageProfile.SPOOL.resolve("recording-intervals.json");
        if (!Files.exists(file)) {
            return false;
        }
        JsonNode intervals = new ObjectMapper().readTree(file.toFile());
        for (JsonNode interval : intervals) {
            if (Instant.parse(interval.get("lastBeat").asText()).isAfter(since)
                    && !interval.get("instance").asText().equals(DatabaseOutageProfile.CRASHED_INSTANCE)) {
                return true;
            }
        }
        return false;
    }

    private static List<Object> gapsSince(Instant since) {
        return as(ALICE).queryParam("since", since.toString()).get("/api/recording/gaps").then().statusCode(200)
                .extract().jsonPath().getList("gaps");
    }

    @Test
    void callbacksDuringAnOutageAreAnsweredInTimeSpooledAndReplayedExactlyOnce() throws Exception {
        Queue<ObjectNode> acknowledged = new ConcurrentLinkedQueue<>();
        Queue<ObjectNode> allowed = new ConcurrentLinkedQueue<>();
        AtomicLong slowest = new AtomicLong();
        AtomicLong refused = new AtomicLong();
        AtomicBoolean posting = new AtomicBoolean(true);
        ExecutorService posters = Executors.newFixedThreadPool(8);
        for (int p = 0; p < 8; p++) {
            posters.submit(() -> {
                int n = 0;
                while (posting.get()) {
                    // a third are before-callbacks, which must allow the message (ErrorCode 0) whatever happens
                    boolean before = n % 3 == 1;
                    ObjectNode body = before ? uniqueSample("c2c-before-send", "outage")
                            : n % 10 == 9 && !acknowledged.isEmpty() ? acknowledged.peek()
                                    : uniqueSample("c2c-after-send", "outage");
                    long start = System.nanoTime();
                    ExtractableResponse<Response> reply = signed(before ? BEFORE_SEND : AFTER_SEND)
                            .body(body.toString()).post().extract();
                    if (n > 0) {
                        // a poster's first request warms up the HTTP client and is not the service's latency
                        slowest.accumulateAndGet((System.nanoTime() - start) / 1_000_000, Math::max);
                    }
                    if (reply.statusCode() == 200 && reply.jsonPath().getInt("ErrorCode") == 0) {
                        (before ? allowed : acknowledged).add(body);
                    } else {
                        refused.incrementAndGet();
                    }
                    n++;
                }
            });
        }

        Thread.sleep(2000);
        DatabaseOutageProfile.proxy.cut();
        await().atMost(Duration.ofSeconds(10)).until(() -> given().get("/q/health/ready").jsonPath()
                .getString("checks.find { it.name == 'callback recorder' }.data.mode").startsWith("degraded"));
        assertThat(given().get("/q/health/ready").then().statusCode(200).extract().jsonPath()
                .getString("checks.find { it.name == 'callback recorder' }.data.database")).isEqualTo("unreachable");
        Thread.sleep(3000);
        DatabaseOutageProfile.proxy.restore();
        Thread.sleep(2000);
        posting.set(false);
        posters.shutdown();
        posters.awaitTermination(30, TimeUnit.SECONDS);

        await().atMost(Duration.ofSeconds(30)).until(() -> given().get("/q/health/ready").jsonPath()
                .getLong("checks.find { it.name == 'callback recorder' }.data.spoolDepth") == 0);
        assertThat(given().get("/q/health/ready").jsonPath()
                .getLong("checks.find { it.name == 'callback recorder' }.data.spoolReplayed")).isPositive();

        List<String> keys = new ArrayList<>(Stream.concat(acknowledged.stream(), allowed.stream())
                .map(body -> body.get("MsgKey").asText()).distinct().toList());
        assertThat(refused.get()).as("callbacks refused").isZero();
        assertThat(slowest.get()).as("slowest answer, ms").isLessThan(2000);
        assertThat(keys).hasSizeGreaterThan(100);
        assertThat(allowed).hasSizeGreaterThan(30);
        long stored = Rows.count(dataSource,
                "SELECT count(*) FROM message WHERE msg_key = ANY (?) AND from_account LIKE 'from-outage-%'",
                (Object) dataSource.getConnection().createArrayOf("text", keys.toArray()));
        assertThat(stored).isEqualTo(keys.size());
        assertThat(given().get("/q/metrics").asString())
                .containsPattern("tencent_callbacks_total\\{command=\"C2C.CallbackAfterSendMsg\",outcome=\"spooled\"} "
                        + "[1-9]");
    }
}
