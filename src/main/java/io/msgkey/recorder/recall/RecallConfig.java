package io.msgkey.recorder.recall;

import java.time.Duration;

import jakarta.validation.constraints.Min;

import org.hibernate.validator.constraints.time.DurationMin;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "recall")
public interface RecallConfig {

    /** admin_msgwithdraw calls per second, across all instances (Tencent's default limit is 200). */
    @WithDefault("200")
    @Min(1)
    int ratePerSecond();

    /**
     * A moderator may confirm their own jobs while those they confirmed alone, created within
     * {@link #secondApproverWindow()}, add up to no more messages than this; beyond, another moderator must confirm.
     */
    @WithDefault("1000")
    int secondApproverAbove();

    /** How far back a moderator's own jobs count together toward {@link #secondApproverAbove()}. */
    @WithDefault("24h")
    Duration secondApproverWindow();

    /**
     * Messages frozen per transaction. A job's request freezes the first chunk itself; a bigger selection is frozen
     * in the background, chunk by chunk.
     */
    @WithDefault("10000")
    @Min(100)
    int freezeChunkSize();

    Worker worker();

    Outage outage();

    /** How the workers tell Tencent being down from one message failing, and how they find out it is back. */
    interface Outage {
        /**
         * Calls in a row that still failed transiently after their retries (HTTP 5xx, timeouts, 91000, …), with no
         * call answered meanwhile, that pause the running jobs as "Tencent unavailable".
         */
        @WithDefault("5")
        @Min(1)
        int failuresInARow();

        /** How often one probing call is sent while jobs are paused for an outage; they resume once it is answered. */
        @WithDefault("10s")
        @DurationMin(millis = 100)
        Duration probeInterval();
    }

    interface Worker {
        /** Off for an instance that should only serve the API and callbacks. */
        @WithDefault("true")
        boolean enabled();

        /** Calls in flight at once: the rate times Tencent's latency, with room for retries (200/s x 300 ms = 60). */
        @WithDefault("128")
        @Min(1)
        int concurrency();

        /** How long an instance holds items it took; renewed while it lives, taken over by others when it dies. */
        @WithDefault("30s")
        Duration lease();

        /** How often an idle worker looks for work. */
        @WithDefault("500ms")
        Duration pollInterval();
    }
}
