package io.msgkey.recorder.tencent;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.WireMockServer;

import io.agroal.api.AgroalDataSource;
import io.msgkey.recorder.tencent.WithdrawOutcome.Result;
import io.msgkey.recorder.testing.TencentCallLog;
import io.msgkey.recorder.testing.TencentStub;
import io.quarkus.arc.All;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@WithTestResource(value = TencentStub.class, scope = TestResourceScope.GLOBAL)
class TencentRateLimitTest {

    private static final String OK = "{\"ActionStatus\":\"OK\",\"ErrorInfo\":\"\",\"ErrorCode\":0}";

    @TencentStub.Inject
    WireMockServer tencent;

    @Inject
    TencentAdminClient client;

    @Inject
    AgroalDataSource dataSource;

    @Inject
    TencentConfig config;

    @Inject
    @All
    List<CommandRate> rates;

    @Inject
    Clock clock;

    @Test
    void thousandCallsWithHundredMillisecondLatencyRunAtTheLimitAndNeverAbove() {
        tencent.resetAll();
        tencent.stubFor(post(urlPathEqualTo("/v4/openim/admin_msgwithdraw")).willReturn(okJson(OK).withFixedDelay(100)));
        // warm the JIT on the client and the stub first: this measures pacing, not a cold JVM on a small machine
        withdrawConcurrently(500, 100);
        tencent.resetRequests();
        TencentCallLog.clear();

        long start = System.nanoTime();
        Queue<Result> results = withdrawConcurrently(1000, 100);
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);

        assertThat(results).hasSize(1000).containsOnly(Result.RECALLED);
        List<Long> sent = TencentCallLog.sentMillis();
        assertThat(sent).hasSize(1000);
        assertThat(busiestSecond(sent)).isLessThanOrEqualTo(200).isGreaterThanOrEqualTo(190);
        // sequential calls of 100 ms would take 100 s: calls overlap, and the limiter alone sets the pace (198/s)
        assertThat(elapsed).isBetween(Duration.ofMillis(4900), Duration.ofMillis(6000));
        List<Long> arrived = tencent.getAllServeEvents().stream()
                .map(event -> event.getRequest().getLoggedDate().getTime()).sorted().toList();
        assertThat(arrived).hasSize(1000);
        System.out.printf("rate limit: 1000 calls in %d ms; busiest second %d sent, %d at the stub%n",
                elapsed.toMillis(), busiestSecond(sent), busiestSecond(arrived));
    }

    @Test
    void ceilingIsSharedByEveryInstanceOnTheDatabase() throws Exception {
        TencentRateLimiter first = new TencentRateLimiter(dataSource, config, rates, clock);
        TencentRateLimiter second = new TencentRateLimiter(dataSource, config, rates, clock);
        Queue<Long> grants = new ConcurrentLinkedQueue<>();

        long start = System.nanoTime();
        try (ExecutorService callers = Executors.newVirtualThreadPerTaskExecutor()) {
            for (TencentRateLimiter limiter : List.of(first, second)) {
                for (int caller = 0; caller < 10; caller++) {
                    callers.submit(() -> {
                        for (int i = 0; i < 30; i++) {
                            limiter.acquire(RateLimitedCommand.ADMIN_MSGWITHDRAW);
                            grants.add(System.nanoTime() / 1_000_000);
                        }
                        return null;
                    });
                }
            }
        }
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);

        assertThat(grants).hasSize(600);
        // 600 slots at 198 per second, however many instances ask for them; independent limiters would take half
        assertThat(elapsed).isGreaterThan(Duration.ofMillis(2900));
    }

    @Test
    void aLoweredRateReplacesTheSharedBucket() throws Exception {
        List<CommandRate> slower = withWithdrawRate(20);
        Clock later = Clock.offset(clock, Duration.ofHours(1));
        new TencentRateLimiter(dataSource, config, rates, clock).acquire(RateLimitedCommand.ADMIN_MSGWITHDRAW);
        List<TencentRateLimiter> restarted = List.of(new TencentRateLimiter(dataSource, config, slower, later),
                new TencentRateLimiter(dataSource, config, slower, later));
        try {
            long start = System.nanoTime();
            try (ExecutorService callers = Executors.newVirtualThreadPerTaskExecutor()) {
                for (TencentRateLimiter limiter : restarted) {
                    for (int caller = 0; caller < 4; caller++) {
                        callers.submit(() -> {
                            for (int i = 0; i < 5; i++) {
                                limiter.acquire(RateLimitedCommand.ADMIN_MSGWITHDRAW);
                            }
                            return null;
                        });
                    }
                }
            }
            // 40 slots at 20 per second between the two take about 1.97 s, less the few reservations of the first
            // batch, which still meet the old configuration (measured 1.77 s); had the old 200/s bucket stayed, they
            // would all have gone through in about 0.2 s
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThan(Duration.ofMillis(1500));
        } finally {
            // the service's own limiter reads the shared bucket too: put its rate back, as a newer instance would
            new TencentRateLimiter(dataSource, config, rates, Clock.offset(clock, Duration.ofHours(2)))
                    .acquire(RateLimitedCommand.ADMIN_MSGWITHDRAW);
        }
    }

    /** The rates with another admin_msgwithdraw rate, as a restarted instance would read them. */
    private List<CommandRate> withWithdrawRate(int perSecond) {
        return rates.stream().map(rate -> rate.command() == RateLimitedCommand.ADMIN_MSGWITHDRAW
                ? new CommandRate(rate.command(), perSecond)
                : rate).toList();
    }

    private Queue<Result> withdrawConcurrently(int calls, int callers) {
        Queue<Result> results = new ConcurrentLinkedQueue<>();
        AtomicInteger next = new AtomicInteger();
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int caller = 0; caller < callers; caller++) {
                threads.submit(() -> {
                    int n;
                    while ((n = next.getAndIncrement()) < calls) {
                        results.add(client.withdraw("from", "to", "key-" + n).result());
                    }
                });
            }
        }
        return results;
    }

    /** The most timestamps (ms) inside any window [t, t + 1000). */
    private static int busiestSecond(List<Long> sortedMillis) {
        int busiest = 0;
        int from = 0;
        for (int to = 0; to < sortedMillis.size(); to++) {
            while (sortedMillis.get(to) - sortedMillis.get(from) >= 1000) {
                from++;
            }
            busiest = Math.max(busiest, to - from + 1);
        }
        return busiest;
    }
}
