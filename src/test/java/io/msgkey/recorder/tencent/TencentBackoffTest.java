package io.msgkey.recorder.tencent;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.IntStream;

import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

/** Backoff between retries: doubling steps, each delay from the step's upper half (70050: TencentAdminClientTest). */
class TencentBackoffTest {

    private static final TencentFailure TRANSIENT = new TencentFailure(TencentError.TRANSIENT, 91000, "busy");

    @RepeatedTest(20)
    void eachDelayLiesInTheUpperHalfOfADoublingStepUpToTheMaximum() {
        TencentBackoff backoff = new TencentBackoff(1000, 60_000);
        backoff.init(100);

        long[] delays = IntStream.range(0, 6).mapToLong(i -> backoff.nextDelayInMillis(TRANSIENT)).toArray();

        long[] steps = { 100, 200, 400, 800, 1000, 1000 };
        for (int i = 0; i < steps.length; i++) {
            assertThat(delays[i]).as("delay %d", i).isBetween(steps[i] / 2, steps[i]);
        }
    }

    @Test
    void aZeroInitialDelayStillBacksOff() {
        TencentBackoff backoff = new TencentBackoff(1000, 60_000);
        backoff.init(0);

        assertThat(backoff.nextDelayInMillis(TRANSIENT)).isBetween(0L, 1L);
        assertThat(backoff.nextDelayInMillis(TRANSIENT)).isBetween(1L, 2L);
    }
}
