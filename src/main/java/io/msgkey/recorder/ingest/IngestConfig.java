package io.msgkey.recorder.ingest;

import java.nio.file.Path;
import java.time.Duration;

import jakarta.validation.constraints.Min;

import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "ingest")
public interface IngestConfig {

    Batch batch();

    Queue queue();

    Spool spool();

    interface Batch {
        /** Most callbacks written in one statement and one transaction. */
        @WithDefault("500")
        @Min(1)
        int maxSize();

        /** How long a writer lingers for more callbacks once it has one; 0 writes whatever has arrived. */
        @WithDefault("1ms")
        @DurationMin(millis = 0)
        @DurationMax(millis = 100, message = "must be at most 100 ms: every callback of a batch waits for it")
        Duration maxWait();

        /** Writer threads, each with its own connection; while one commits, the next batch fills. */
        @WithDefault("2")
        @Min(1)
        int writers();

        /**
         * A callback whose batch has not committed by then is put in the spool and acknowledged. Well under Tencent's
         * 2 s callback timeout, leaving room for the spool's fsync and the network: the callback endpoint answers
         * after 1.5 s whatever happens, so a longer bound would turn spooled records into refusals.
         */
        @WithDefault("700ms")
        @DurationMax(seconds = 1, message = "must be at most 1 s: callbacks are answered after 1.5 s whatever "
                + "happens, and a record must be in the spool by then")
        Duration commitTimeout();
    }

    interface Queue {
        /**
         * Callbacks waiting in memory for a writer. When it is full (the database is slow or stalled) a callback goes
         * straight to the spool, so memory stays bounded whatever the database does. About the callbacks that arrive
         * within the commit timeout at peak rate: more would reach their deadline in the queue anyway.
         */
        @WithDefault("5000")
        @Min(1)
        int capacity();
    }

    interface Spool {
        /** Where callbacks wait while the database is unreachable. One directory per instance; keep it on a volume. */
        @WithDefault("data/spool")
        Path dir();

        /** How often the spool is replayed into the database. */
        @WithDefault("1s")
        @DurationMin(millis = 10)
        Duration replayInterval();
    }
}
