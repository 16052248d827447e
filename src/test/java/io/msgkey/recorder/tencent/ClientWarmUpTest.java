package io.msgkey.recorder.tencent;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;

import io.msgkey.recorder.testing.TencentStub;
import io.quarkus.rest.client.reactive.QuarkusRestClientBuilder;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.Vertx;

@QuarkusTest
@WithTestResource(value = TencentStub.class, scope = TestResourceScope.GLOBAL)
class ClientWarmUpTest {

    /** tencent.api.warm-up-calls in the test profile. */
    private static final int WARM_UP_CALLS = 40;

    @TencentStub.Inject
    WireMockServer tencent;

    @Inject
    TencentAdminClient client;

    @Inject
    Vertx vertx;

    @Inject
    ObjectMapper mapper;

    @Test
    void theStartRanTheClientPathBeforeAnyJob() {
        assertThat(client.warmedUp()).isEqualTo(WARM_UP_CALLS);
    }

    @Test
    void theWarmUpCallsALocalServerAndNeverTencent() throws InterruptedException {
        tencent.resetRequests();

        int served = ClientWarmUp.run(vertx,
                endpoint -> QuarkusRestClientBuilder.newBuilder().baseUri(endpoint).build(TencentAdminApi.class),
                mapper, 30, 4);

        assertThat(served).isEqualTo(30);
        assertThat(tencent.getAllServeEvents()).isEmpty();
    }

    @Test
    void aWarmUpThatFailsIsReportedAndDoesNotStopTheStart() throws InterruptedException {
        int served = ClientWarmUp.run(vertx, endpoint -> {
            throw new IllegalStateException("no client here");
        }, mapper, 30, 4);

        assertThat(served).isZero();
    }
}
