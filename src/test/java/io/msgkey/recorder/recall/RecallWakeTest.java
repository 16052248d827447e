package io.msgkey.recorder.recall;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.msgkey.recorder.testing.Api.ALICE;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.msgkey.recorder.testing.Messages;
import io.msgkey.recorder.testing.RecallJobs;
import io.msgkey.recorder.testing.Rows;
import io.msgkey.recorder.testing.TencentStub;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * An idle engine that looks for work only every ten minutes (and renews leases every twenty seconds) still sends a
 * job's items the moment it is confirmed or resumed on the same instance.
 */
@QuarkusTest
@TestProfile(RecallWakeTest.RarePolls.class)
@WithTestResource(value = TencentStub.class, scope = TestResourceScope.GLOBAL)
class RecallWakeTest extends RecallEngineTestBase {

    public static class RarePolls implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("recall.worker.poll-interval", "10m", "recall.worker.lease", "60s");
        }
    }

    private static final Duration PROMPTLY = Duration.ofSeconds(8);
    private static final Instant T0 = Instant.parse("2024-08-01T00:00:00Z");

    @Test
    void aConfirmedJobIsSentWithoutWaitingForAPoll() throws InterruptedException {
        tencent.stubFor(post(urlPathEqualTo(WITHDRAW)).willReturn(okJson(OK).withFixedDelay(50)));
        long job = RecallJobs.createFrom(ALICE, sender(3));
        worker.start();
        Thread.sleep(300);

        RecallJobs.confirm(ALICE, job);

        awaitRecalled(job, 3);
    }

    @Test
    void aResumedJobIsSentWithoutWaitingForAPoll() throws InterruptedException {
        tencent.stubFor(post(urlPathEqualTo(WITHDRAW)).willReturn(okJson(OK).withFixedDelay(50)));
        long job = RecallJobs.createFrom(ALICE, sender(2));
        RecallJobs.confirm(ALICE, job);
        Rows.execute(dataSource, "UPDATE recall_job SET state = 'PAUSED', pause_reason = 'a test' WHERE id = ?", job);
        worker.start();
        Thread.sleep(300);

        RecallJobs.confirm(ALICE, job);

        awaitRecalled(job, 2);
    }

    private void awaitRecalled(long job, int messages) {
        await().atMost(PROMPTLY).pollInterval(Duration.ofMillis(50)).until(() -> Rows.count(dataSource,
                "SELECT count(*) FROM recall_item WHERE job_id = ? AND outcome = 'RECALLED'", job) == messages);
    }

    private String sender(int messages) {
        String sender = Messages.unique("wake");
        for (int i = 0; i < messages; i++) {
            Messages.insert(dataSource, sender, "v", "k-" + i, T0.plusSeconds(i));
        }
        return sender;
    }
}
