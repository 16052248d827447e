package io.msgkey.recorder.tencent;

import java.time.Clock;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;

import io.agroal.api.AgroalDataSource;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.BlockingStrategy;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.TimeMeter;
import io.github.bucket4j.TokensInheritanceStrategy;
import io.github.bucket4j.distributed.jdbc.PrimaryKeyMapper;
import io.github.bucket4j.distributed.proxy.BucketNotFoundException;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.distributed.proxy.optimization.Optimizations;
import io.github.bucket4j.postgresql.Bucket4jPostgreSQL;
import io.msgkey.recorder.common.Causes;
import io.quarkus.arc.All;

/**
 * One token bucket per Tencent API, held in PostgreSQL by Bucket4j, so the ceiling holds across every instance that
 * shares the database. A caller reserves the next free slot in one short transaction and sleeps until it comes; slots
 * are spaced evenly (bucket capacity 1), so calls overlap freely but no second ever sees a burst. The spacing includes
 * a jitter allowance: calls leave on schedule but arrive with network jitter, and Tencent counts arrivals. A local
 * {@link SendWindow} then holds back a caller that woke late, so a late slot never bunches with the next ones.
 */
@ApplicationScoped
public class TencentRateLimiter {

    private final Map<RateLimitedCommand, Bucket> buckets = new EnumMap<>(RateLimitedCommand.class);
    private final Map<RateLimitedCommand, Bucket> unbatched = new EnumMap<>(RateLimitedCommand.class);
    private final Map<RateLimitedCommand, SendWindow> windows = new EnumMap<>(RateLimitedCommand.class);
    private final Map<RateLimitedCommand, Double> rates = new EnumMap<>(RateLimitedCommand.class);

    TencentRateLimiter(AgroalDataSource dataSource, TencentConfig config, @All List<CommandRate> rates, Clock clock) {
        ProxyManager<String> proxies = Bucket4jPostgreSQL.selectForUpdateBasedBuilder(dataSource)
                .primaryKeyMapper(PrimaryKeyMapper.STRING).table("rate_limit_bucket").idColumn("id")
                .stateColumn("state").clientClock(TimeMeter.SYSTEM_MILLISECONDS).build();
        Duration allowance = config.api().rateLimitJitterAllowance();
        // Bucket4j replaces a stored configuration only with one of a higher version: the start time makes the
        // newest instance's rates the ones every instance shares, whether they were raised or lowered.
        long version = clock.millis();
        rates.forEach(rate -> configure(proxies, rate.command(), rate.perSecond(), allowance, version));
        for (RateLimitedCommand command : RateLimitedCommand.values()) {
            if (!buckets.containsKey(command)) {
                throw new IllegalStateException("no rate is configured for " + command.command());
            }
        }
    }

    private void configure(ProxyManager<String> proxies, RateLimitedCommand api, int perSecond, Duration allowance,
            long version) {
        Duration spacing = Duration.ofSeconds(1).plus(allowance).dividedBy(perSecond);
        BucketConfiguration configuration = BucketConfiguration.builder()
                .addLimit(Bandwidth.builder().capacity(1).refillGreedy(1, spacing).build()).build();
        // Batching folds the reservations of concurrent callers into one transaction: racing for the row lock one by
        // one measured about 140 reservations a second on a 2-core machine, short of the 200 a recall job needs.
        buckets.put(api, proxies.builder().withImplicitConfigurationReplacement(version, TokensInheritanceStrategy.RESET)
                .withOptimization(Optimizations.batching()).build(api.command(), () -> configuration));
        unbatched.put(api, proxies.builder().withImplicitConfigurationReplacement(version, TokensInheritanceStrategy.RESET)
                .build(api.command(), () -> configuration));
        windows.put(api, new SendWindow(perSecond, Duration.ofSeconds(1).plus(allowance).toNanos()));
        rates.put(api, 1_000_000_000.0 / spacing.toNanos());
    }

    /** Blocks until this caller's slot; cheap to call from many virtual threads at once. */
    public void acquire(RateLimitedCommand api) throws InterruptedException {
        TimeUnit.NANOSECONDS.sleep(reserve(api));
        windows.get(api).enter();
    }

    /**
     * Reserves the next slot and returns how long until it comes. A batch of reservations fails as a whole when the
     * bucket's row does not exist yet (first use, or the table was emptied); a single reservation creates it.
     */
    private long reserve(RateLimitedCommand api) throws InterruptedException {
        ReservedWait wait = new ReservedWait();
        try {
            buckets.get(api).asBlocking().consume(1, wait);
        } catch (RuntimeException e) {
            if (!Causes.anyIs(e, BucketNotFoundException.class)) {
                throw e;
            }
            unbatched.get(api).asBlocking().consume(1, wait);
        }
        return wait.nanos;
    }

    /** Takes note of the wait Bucket4j computed, so that the sleep is interruptible and outside Bucket4j. */
    private static final class ReservedWait implements BlockingStrategy {
        private long nanos;

        @Override
        public void park(long nanosToPark) {
            nanos = nanosToPark;
        }
    }

    /** The calls per second this limiter lets through, after the jitter allowance. */
    public double effectiveRate(RateLimitedCommand api) {
        return rates.get(api);
    }
}
