package io.msgkey.recorder.tencent;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.arc.All;

/**
 * One pace per Tencent API, shared by every instance on the database ({@link CallPace}). A caller takes the next
 * evenly spaced slot and sleeps until it comes; the spacing includes a jitter allowance, because calls leave on
 * schedule but arrive with network jitter and Tencent counts arrivals. The HTTP client's {@link SendGate} then counts
 * each API's sends where they reach the wire and holds back a caller whose send would put more than the limit into
 * one window, so that requests delayed on their way out never bunch with the ones behind them. When Tencent still
 * refuses a call as over its limit, the shared pace slows down for a while ({@link #refused}).
 */
@ApplicationScoped
public class TencentRateLimiter {

    private final CallPace pace;
    private final Duration slowdown;
    private final Map<RateLimitedCommand, SlotDispenser> dispensers = new EnumMap<>(RateLimitedCommand.class);
    private final Map<RateLimitedCommand, Integer> limits = new EnumMap<>(RateLimitedCommand.class);
    private final Map<RateLimitedCommand, Double> rates = new EnumMap<>(RateLimitedCommand.class);
    private final SendGate gate;

    TencentRateLimiter(CallPace pace, TencentConfig config, @All List<CommandRate> rates) {
        this.pace = pace;
        this.slowdown = config.api().rateLimitSlowdown();
        Duration second = Duration.ofSeconds(1).plus(config.api().rateLimitJitterAllowance());
        for (CommandRate rate : rates) {
            long spacingMicros = second.toNanos() / 1000 / rate.perSecond();
            Runnable configure = () -> pace.configure(rate.command(), rate.perSecond(), spacingMicros);
            configure.run();
            dispensers.put(rate.command(), new SlotDispenser(pace, rate.command(), configure));
            limits.put(rate.command(), rate.perSecond());
            this.rates.put(rate.command(), 1_000_000.0 / spacingMicros);
        }
        for (RateLimitedCommand command : RateLimitedCommand.values()) {
            if (!dispensers.containsKey(command)) {
                throw new IllegalStateException("no rate is configured for " + command.command());
            }
        }
        this.gate = new SendGate(limits, second);
    }

    /** The filter the HTTP client runs last before a request leaves: this limiter's send windows. */
    SendGate sendGate() {
        return gate;
    }

    /** Blocks until this caller's slot; cheap to call from many virtual threads at once. */
    public void acquire(RateLimitedCommand api) throws InterruptedException {
        long wait = dispensers.get(api).next() - System.nanoTime();
        if (wait > 0) {
            TimeUnit.NANOSECONDS.sleep(wait);
        }
    }

    /** Tencent refused a call of this API as over its limit: every instance slows down (see {@link CallPace}). */
    public void refused(RateLimitedCommand api, int errorCode, String errorInfo) {
        pace.slowDown(api, slowdown, "Tencent refused a call with " + errorCode + " (" + errorInfo + ")");
    }

    /** The calls per second this limiter lets through when Tencent has not refused any, after the jitter allowance. */
    public double effectiveRate(RateLimitedCommand api) {
        return rates.get(api);
    }

    /** The pace every instance keeps now, and why it is below the limit if it is. */
    public Pace pace(RateLimitedCommand api) {
        return pace.read(api).map(state -> new Pace(1_000_000.0 / (state.spacingMicros() * state.slowdown()),
                state.perSecond(), state.slowedUntil().orElse(null), state.reason()))
                .orElseGet(() -> new Pace(rates.get(api), limits.get(api), null, null));
    }

    /**
     * {@code callsPerSecond}: what the shared pace allows now; {@code slowedUntil} and {@code reason} are set while it
     * is slowed down after a refusal.
     */
    public record Pace(double callsPerSecond, int limit, Instant slowedUntil, String reason) {
    }
}
