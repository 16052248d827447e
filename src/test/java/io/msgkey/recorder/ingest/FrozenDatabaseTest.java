package io.msgkey.recorder.ingest;

import static io.msgkey.recorder.testing.TencentCallbacks.AFTER_SEND;
import static io.msgkey.recorder.testing.TencentCallbacks.signed;
import static io.msgkey.recorder.testing.TencentCallbacks.uniqueSample;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.agroal.api.AgroalDataSource;
import io.msgkey.recorder.testing.Rows;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;

/** A database connection that stalls without closing: memory stays bounded, health says so, nothing is lost. */
@QuarkusTest
@TestProfile(FrozenDatabaseProfile.class)
class FrozenDatabaseTest {

    private static final Pattern QUEUE_DEPTH = Pattern.compile("(?m)^ingest_queue_depth(?:\\{[^}]*})? ([0-9.E]+)$");

    @Inject
    AgroalDataSource dataSource;

    @Test
    void callbacksWhileTheDatabaseIsFrozenStayBoundedInMemoryAndAreAllStoredAfterwards() throws Exception {
        Queue<String> acknowledged = new ConcurrentLinkedQueue<>();
        AtomicLong refused = new AtomicLong();
        AtomicLong slowest = new AtomicLong();
        AtomicBoolean posting = new AtomicBoolean(true);
        ExecutorService posters = Executors.newFixedThreadPool(16);
        for (int p = 0; p < 16; p++) {
            posters.submit(() -> {
                int n = 0;
                while (posting.get()) {
                    ObjectNode body = uniqueSample("c2c-after-send", "frozen");
                    long start = System.nanoTime();
                    ExtractableResponse<Response> reply = signed(AFTER_SEND).body(body.toString()).post().extract();
                    if (n++ > 0) {
                        slowest.accumulateAndGet((System.nanoTime() - start) / 1_000_000, Math::max);
                    }
                    if (reply.statusCode() == 200 && reply.jsonPath().getInt("ErrorCode") == 0) {
                        acknowledged.add(body.get("MsgKey").asText());
                    } else {
                        refused.incrementAndGet();
                    }
                }
            });
        }

        Thread.sleep(1000);
        FrozenDatabaseProfile.proxy.freeze();
        long acknowledgedBefore = acknowledged.size();
        long deepest = 0;
        long frozenUntil = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < frozenUntil) {
            deepest = Math.max(deepest, queueDepth());
            Thread.sleep(100);
        }
        JsonPath health = recorderHealth();
        long acknowledgedWhileFrozen = acknowledged.size() - acknowledgedBefore;
        FrozenDatabaseProfile.proxy.thaw();
        Thread.sleep(1000);
        posting.set(false);
        posters.shutdown();
        assertThat(posters.awaitTermination(30, TimeUnit.SECONDS)).isTrue();

        assertThat(deepest).as("most callbacks queued in memory while frozen")
                .isLessThanOrEqualTo(FrozenDatabaseProfile.QUEUE_CAPACITY);
        assertThat(health.getString("mode")).startsWith("degraded");
        assertThat(health.getString("database")).isNotEqualTo("reachable");
        assertThat(acknowledgedWhileFrozen).as("callbacks acknowledged while frozen").isPositive();
        assertThat(refused.get()).as("callbacks refused").isZero();
        assertThat(slowest.get()).as("slowest answer, ms").isLessThan(2000);

        await().atMost(Duration.ofSeconds(60)).until(() -> recorderHealth().getLong("spoolDepth") == 0
                && queueDepth() == 0);
        await().atMost(Duration.ofSeconds(10)).until(() -> recorderHealth().getString("mode").equals("recording"));
        List<String> keys = List.copyOf(acknowledged);
        long stored = Rows.count(dataSource, "SELECT count(*) FROM message WHERE msg_key = ANY (?)",
                (Object) dataSource.getConnection().createArrayOf("text", keys.toArray()));
        assertThat(stored).as("rows of acknowledged callbacks").isEqualTo(keys.size());
    }

    private static JsonPath recorderHealth() {
        return new JsonPath(given().get("/q/health/ready").asString())
                .setRootPath("checks.find { it.name == 'callback recorder' }.data");
    }

    private static long queueDepth() {
        Matcher depth = QUEUE_DEPTH.matcher(given().get("/q/metrics").asString());
        assertThat(depth.find()).as("ingest_queue_depth in the metrics").isTrue();
        return (long) Double.parseDouble(depth.group(1));
    }
}
