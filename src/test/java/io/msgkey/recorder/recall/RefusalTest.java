package io.msgkey.recorder.recall;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.msgkey.recorder.testing.Api.ALICE;
import static io.msgkey.recorder.testing.Api.BOB;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.stubbing.Scenario;

import io.msgkey.recorder.testing.Messages;
import io.msgkey.recorder.testing.RecallJobs;
import io.msgkey.recorder.testing.Rows;
import io.msgkey.recorder.testing.TencentStub;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** Tencent refusing a call as over its limit slows every job down for a while, and the job view says so. */
@QuarkusTest
@WithTestResource(value = TencentStub.class, scope = TestResourceScope.GLOBAL)
class RefusalTest extends RecallEngineTestBase {

    @Test
    void aRefusalSlowsTheRunningJobDownTheViewSaysWhyAndNoMessageCountsIt() {
        String sender = Messages.unique("refused");
        Rows.execute(dataSource, """
                INSERT INTO message (sdk_app_id, from_account, to_account, msg_key, msg_time, first_seen_at,
                    seen_after, send_result)
                SELECT 1400000000, ?, 'victim-' || i, ? || '-' || i, timestamptz '2024-05-01' + i * interval '1 second',
                    now(), true, 0
                FROM generate_series(1, 400) AS i""", sender, sender);
        tencent.stubFor(post(urlPathEqualTo(WITHDRAW)).willReturn(okJson(OK).withFixedDelay(20)));
        tencent.stubFor(post(urlPathEqualTo(WITHDRAW)).atPriority(1)
                .withRequestBody(matchingJsonPath("$.MsgKey", equalTo(sender + "-40"))).inScenario("refused")
                .whenScenarioStateIs(Scenario.STARTED).willSetStateTo("answered")
                .willReturn(okJson("{\"ActionStatus\":\"FAIL\",\"ErrorInfo\":\"API call frequency limit exceeded\","
                        + "\"ErrorCode\":60007}")));
        long job = RecallJobs.createFrom(ALICE, sender);
        RecallJobs.confirm(BOB, job);
        worker.start();

        JsonPath slowed = await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(20))
                .until(() -> RecallJobs.get(ALICE, job), view -> view.get("pace.slowedUntil") != null);

        assertThat(slowed.getString("state")).isEqualTo("RUNNING");
        assertThat(slowed.getInt("pace.limit")).isEqualTo(200);
        assertThat(slowed.getDouble("pace.callsPerSecond")).isBetween(150.0, 160.0);
        assertThat(Instant.parse(slowed.getString("pace.slowedUntil"))).isAfter(Instant.now().minusSeconds(1));
        assertThat(slowed.getString("pace.reason")).contains("60007").contains("API call frequency limit exceeded");
        JsonPath done = RecallJobs.awaitState(job, "COMPLETED");
        assertThat(done.getInt("counts.RECALLED")).isEqualTo(400);
        assertThat(done.getString("pace")).isNull();
        assertThat(Rows.count(dataSource, "SELECT count(*) FROM recall_item WHERE job_id = ? AND attempts <> 1", job))
                .isZero();
    }
}
