package io.msgkey.recorder.recall;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.msgkey.recorder.testing.Api.ALICE;
import static io.msgkey.recorder.testing.Api.BOB;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.stubbing.StubMapping;

import io.msgkey.recorder.testing.Messages;
import io.msgkey.recorder.testing.RecallJobs;
import io.msgkey.recorder.testing.Rows;
import io.msgkey.recorder.testing.TencentStub;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** Tencent going down in the middle of a job, and coming back. */
@QuarkusTest
@WithTestResource(value = TencentStub.class, scope = TestResourceScope.GLOBAL)
class OutageTest extends RecallEngineTestBase {

    private static final Instant T0 = Instant.parse("2024-05-01T00:00:00Z");

    @Test
    void anOutageMidJobPausesItWithoutFailingItemsAndTheJobResumesWhenTencentAnswers() {
        tencent.stubFor(post(urlPathEqualTo(WITHDRAW)).willReturn(okJson(OK).withFixedDelay(50)));
        String sender = messages(400);
        long job = RecallJobs.createFrom(ALICE, sender);
        RecallJobs.confirm(BOB, job);
        worker.start();
        await().atMost(Duration.ofSeconds(30)).until(() -> RecallJobs.get(ALICE, job).getInt("counts.RECALLED") >= 50);

        StubMapping down = tencent.stubFor(post(urlPathEqualTo(WITHDRAW)).atPriority(1)
                .willReturn(aResponse().withStatus(503).withBody("service unavailable")));
        JsonPath paused = RecallJobs.awaitState(job, "PAUSED");

        assertThat(paused.getString("pauseReason")).startsWith("Tencent unavailable").contains("HTTP 503");
        await().atMost(Duration.ofSeconds(30)).until(() -> inFlight(job) == 0);
        List<Map<String, Object>> items = RecallJobs.items(dataSource, job);
        assertThat(items).noneMatch(item -> "FAILED".equals(item.get("outcome")));
        // the calls that met the outage (five tries each) are not counted against their messages: an item that
        // met it has at most an attempt that a takeover left counted, never the five
        List<Map<String, Object>> metTheOutage = items.stream()
                .filter(item -> "PENDING".equals(item.get("outcome")) && item.get("last_error_code") != null).toList();
        assertThat(metTheOutage).isNotEmpty().allSatisfy(item -> {
            assertThat(item).containsEntry("last_error_code", 503);
            assertThat((Integer) item.get("attempts")).isLessThanOrEqualTo(1);
        });
        assertThat(metTheOutage).filteredOn(item -> Integer.valueOf(0).equals(item.get("attempts")))
                .hasSizeGreaterThan(metTheOutage.size() / 2);

        tencent.removeStub(down);
        JsonPath done = RecallJobs.awaitState(job, "COMPLETED");

        assertThat(done.getInt("counts.RECALLED")).isEqualTo(400);
        assertThat(done.getInt("counts.FAILED")).isZero();
        assertThat(Rows.query(dataSource, "SELECT detail FROM audit_entry WHERE job_id = ? AND action = 'JOB_RESUMED'",
                job)).singleElement().satisfies(row -> assertThat((String) row.get("detail"))
                        .startsWith("Tencent answers again; paused for: Tencent unavailable"));
    }

    @Test
    void aMessageThatFailsAloneWhileTencentAnswersEndsFailedInsteadOfPausingItsJobAgainAndAgain() {
        String sender = messages(1);
        tencent.stubFor(post(urlPathEqualTo(WITHDRAW)).willReturn(okJson(OK)));
        tencent.stubFor(post(urlPathEqualTo(WITHDRAW)).atPriority(1)
                .withRequestBody(matchingJsonPath("$.MsgKey", equalTo(sender + "-1")))
                .willReturn(okJson("{\"ActionStatus\":\"FAIL\",\"ErrorInfo\":\"busy\",\"ErrorCode\":91000}")));
        long job = RecallJobs.createFrom(ALICE, sender);
        RecallJobs.confirm(BOB, job);
        worker.start();

        // nothing else is answered while it fails, so it looks like an outage until a probing call is answered
        JsonPath done = RecallJobs.awaitState(job, "COMPLETED");

        assertThat(done.getInt("counts.FAILED")).isEqualTo(1);
        assertThat(Rows.count(dataSource, "SELECT count(*) FROM audit_entry WHERE job_id = ? AND action = 'JOB_PAUSED'",
                job)).isZero();
    }

    private long inFlight(long job) {
        return RecallJobs.items(dataSource, job).stream().filter(item -> item.get("in_flight_since") != null).count();
    }

    private String messages(int count) {
        String sender = Messages.unique("outage");
        Rows.execute(dataSource, """
                INSERT INTO message (sdk_app_id, from_account, to_account, msg_key, msg_time, first_seen_at,
                    seen_after, send_result)
                SELECT 1400000000, ?, 'victim-' || i, ? || '-' || i, CAST(? AS timestamptz) + i * interval '1 second',
                    now(), true, 0
                FROM generate_series(1, ?) AS i""", sender, sender, Timestamp.from(T0), count);
        return sender;
    }
}
