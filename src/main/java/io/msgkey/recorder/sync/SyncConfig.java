package io.msgkey.recorder.sync;

import java.time.Duration;

import jakarta.validation.constraints.Min;

import org.hibernate.validator.constraints.time.DurationMin;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "sync")
public interface SyncConfig {

    Worker worker();

    interface Worker {
        /** Off for an instance that should only serve the API and callbacks. */
        @WithDefault("true")
        boolean enabled();

        /**
         * Conversations fetched at once. A conversation's pages follow each other, so the roam rate is reached only by
         * working on several: the rate times Tencent's latency (200/s x 100 ms = 20), with room to spare.
         */
        @WithDefault("64")
        @Min(1)
        int concurrency();

        /** How long an instance holds a conversation it took; renewed while it lives, taken over once it dies. */
        @WithDefault("30s")
        @DurationMin(seconds = 1)
        Duration lease();

        /** How often an idle worker looks for work. */
        @WithDefault("500ms")
        @DurationMin(millis = 10)
        Duration pollInterval();

        /**
         * A conversation whose fetch still fails transiently after the client's retries waits this long before it is
         * tried again.
         */
        @WithDefault("30s")
        @DurationMin(millis = 0)
        Duration retryDelay();

        /** Failed tries of one conversation (or of the conversation list) in a row before it counts as failed. */
        @WithDefault("5")
        @Min(1)
        int maxAttempts();
    }
}
