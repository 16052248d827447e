package io.msgkey.recorder.recall;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.msgkey.recorder.testing.Api.ALICE;
import static io.msgkey.recorder.testing.Api.BOB;
import static io.msgkey.recorder.testing.Api.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.msgkey.recorder.testing.GroupMessages;
import io.msgkey.recorder.testing.GroupRecallAnswers;
import io.msgkey.recorder.testing.Messages;
import io.msgkey.recorder.testing.RecallJobs;
import io.msgkey.recorder.testing.TencentStub;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * An idle engine that looks for work only every ten minutes (and renews leases every 200 s) still sends a job's calls
 * as soon as it is confirmed or retried, and completes it as soon as its last outcome is recorded: within half a
 * minute, where waiting for a poll or a renewal would take minutes.
 */
@QuarkusTest
@TestProfile(RecallWakeTest.RarePolls.class)
@WithTestResource(value = TencentStub.class, scope = TestResourceScope.GLOBAL)
class RecallWakeTest extends RecallEngineTestBase {

    public static class RarePolls implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("recall.worker.poll-interval", "10m", "recall.worker.lease", "10m");
        }
    }

    private static final Duration PROMPTLY = Duration.ofSeconds(30);
    private static final Instant T0 = Instant.parse("2024-08-01T00:00:00Z");

    @Test
    void aConfirmedJobIsSentAndCompletesWithoutWaitingForAPoll() throws InterruptedException {
        GroupRecallAnswers.clear();
        tencent.stubFor(post(urlPathEqualTo(WITHDRAW)).willReturn(okJson(OK).withFixedDelay(50)));
        tencent.stubFor(post(urlPathEqualTo(GroupRecallAnswers.PATH)).willReturn(okJson("{}").withFixedDelay(50)
                .withTransformers(GroupRecallAnswers.NAME)));
        String sender = sender(3);
        GroupMessages.insertMany(dataSource, Messages.unique("@TGS#wake"), "", sender, 1, 12, T0.plusSeconds(10));
        long job = RecallJobs.createFrom(ALICE, sender);
        worker.start();
        // not an assertion: lets the claimer find nothing and go idle for its ten minutes before the job runs
        Thread.sleep(300);

        RecallJobs.confirm(BOB, job);

        awaitCompleted(job);
        var done = RecallJobs.get(ALICE, job);
        assertThat(done.getInt("counts.RECALLED")).isEqualTo(15);
        assertThat(GroupRecallAnswers.sentBySeq(tencent)).hasSize(12);
    }

    @Test
    void aRetriedJobRunsAgainWithoutWaitingForAPoll() {
        tencent.stubFor(post(urlPathEqualTo(WITHDRAW))
                .willReturn(okJson("{\"ActionStatus\":\"FAIL\",\"ErrorInfo\":\"odd\",\"ErrorCode\":80099}")));
        long job = RecallJobs.createFrom(ALICE, sender(2));
        worker.start();
        RecallJobs.confirm(ALICE, job);
        awaitCompleted(job);
        assertThat(RecallJobs.get(ALICE, job).getInt("counts.FAILED")).isEqualTo(2);

        tencent.resetAll();
        tencent.stubFor(post(urlPathEqualTo(WITHDRAW)).willReturn(okJson(OK).withFixedDelay(50)));
        as(ALICE).post("/api/recall-jobs/" + job + "/retry").then().statusCode(200);

        awaitCompleted(job);
        assertThat(RecallJobs.get(ALICE, job).getInt("counts.RECALLED")).isEqualTo(2);
    }

    private void awaitCompleted(long job) {
        await().atMost(PROMPTLY).pollInterval(Duration.ofMillis(50))
                .until(() -> "COMPLETED".equals(RecallJobs.get(ALICE, job).getString("state")));
    }

    private String sender(int messages) {
        String sender = Messages.unique("wake");
        for (int i = 0; i < messages; i++) {
            Messages.insert(dataSource, sender, "v", "k-" + i, T0.plusSeconds(i));
        }
        return sender;
    }
}
