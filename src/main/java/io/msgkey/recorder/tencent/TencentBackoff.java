package io.msgkey.recorder.tencent;

import java.util.concurrent.ThreadLocalRandom;

import io.smallrye.faulttolerance.api.CustomBackoffStrategy;

/**
 * Exponential backoff with jitter (each delay drawn from the upper half of its doubling step, so retries of many
 * concurrent calls spread out), except after 70050, where Tencent asks for a pause of at least a minute.
 */
final class TencentBackoff implements CustomBackoffStrategy {

    private final long maxDelayMillis;
    private final long sigCheckThrottledMillis;
    private long nextMillis;

    TencentBackoff(long maxDelayMillis, long sigCheckThrottledMillis) {
        this.maxDelayMillis = maxDelayMillis;
        this.sigCheckThrottledMillis = sigCheckThrottledMillis;
    }

    @Override
    public void init(long initialDelayInMillis) {
        nextMillis = Math.max(1, initialDelayInMillis);
    }

    @Override
    public long nextDelayInMillis(Throwable cause) {
        long step = nextMillis;
        nextMillis = Math.min(nextMillis * 2, maxDelayMillis);
        long delay = step / 2 + ThreadLocalRandom.current().nextLong(step / 2 + 1);
        if (cause instanceof TencentFailure failure && failure.error() == TencentError.SIG_CHECK_THROTTLED) {
            return Math.max(delay, sigCheckThrottledMillis);
        }
        return delay;
    }
}
