package io.msgkey.recorder.sync;

import static io.msgkey.recorder.testing.Api.ALICE;
import static io.msgkey.recorder.testing.TencentHistory.ROAM;
import static io.msgkey.recorder.testing.TencentHistory.messages;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.WireMockServer;

import io.agroal.api.AgroalDataSource;
import io.msgkey.recorder.testing.Messages;
import io.msgkey.recorder.testing.SlidingSecond;
import io.msgkey.recorder.testing.SyncJobs;
import io.msgkey.recorder.testing.TencentCallLog;
import io.msgkey.recorder.testing.TencentHistory;
import io.msgkey.recorder.testing.TencentStub;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

@QuarkusTest
@WithTestResource(value = TencentStub.class, scope = TestResourceScope.GLOBAL)
class SyncPacingTest {

    @Inject
    AgroalDataSource dataSource;

    @Inject
    SyncEngineLifecycle worker;

    @TencentStub.Inject
    WireMockServer tencent;

    @AfterEach
    void stop() throws InterruptedException {
        worker.stop();
    }

    @Test
    void manyConversationsAtOnceNeverFetchAboveTheRoamRateLimit() {
        SyncJobs.settleEarlierJobs(dataSource);
        tencent.resetAll();
        TencentHistory history = new TencentHistory(tencent, 1);
        String user = Messages.unique("paced");
        List<String> peers = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            String peer = Messages.unique("p" + i);
            peers.add("\"" + peer + "\"");
            history.conversation(peer, messages(user, peer, 30));
        }
        long job = SyncJobs.create(ALICE, "{\"user\": \"%s\", \"peers\": [%s], \"since\": \"2023-11-01T00:00:00Z\"}"
                .formatted(user, String.join(", ", peers))).getLong("id");
        TencentCallLog.clear();

        worker.start();
        JsonPath done = SyncJobs.awaitState(job, "COMPLETED");

        assertThat(done.getInt("messages.added")).isEqualTo(600);
        List<Long> sent = TencentCallLog.sentMillis();
        assertThat(sent).hasSize(600);
        // how close to the limit it gets is the benchmark's to measure (src/bench/sync.sh); here: never above it
        assertThat(SlidingSecond.busiest(sent)).isLessThanOrEqualTo(200);
        List<Long> arrived = tencent.getAllServeEvents().stream()
                .filter(event -> event.getRequest().getUrl().startsWith(ROAM))
                .map(event -> event.getRequest().getLoggedDate().getTime()).sorted().toList();
        assertThat(arrived).hasSize(600);
        double rateAtTheStub = (arrived.size() - 1) * 1000.0 / (arrived.get(arrived.size() - 1) - arrived.get(0));
        assertThat(rateAtTheStub).isLessThanOrEqualTo(200.0);
        System.out.printf("sync pacing: 600 pages, busiest second %d sent, %d at the stub; %.1f calls/s at the stub%n",
                SlidingSecond.busiest(sent), SlidingSecond.busiest(arrived), rateAtTheStub);
    }
}
