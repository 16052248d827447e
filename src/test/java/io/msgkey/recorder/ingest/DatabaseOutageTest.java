package io.msgkey.recorder.ingest;

import static io.msgkey.recorder.testing.TencentCallbacks.AFTER_SEND;
import static io.msgkey.recorder.testing.TencentCallbacks.BEFORE_SEND;
import static io.msgkey.recorder.testing.TencentCallbacks.signed;
import static io.msgkey.recorder.testing.TencentCallbacks.uniqueSample;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
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

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.agroal.api.AgroalDataSource;
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
