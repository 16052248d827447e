package io.msgkey.recorder.ingest;

import java.nio.file.Path;
import java.time.Duration;

import io.quarkus.runtime.configuration.DurationConverter;
import io.quarkus.runtime.configuration.PathConverter;
import io.smallrye.config.SmallRyeConfigBuilder;

/** {@link IngestConfig} with its defaults, for write paths a test builds itself. */
final class IngestConfigs {

    private IngestConfigs() {
    }

    /** The defaults, with a spool directory and a queue capacity of the test's own. */
    static IngestConfig withSpool(Path dir, int queueCapacity) {
        return new SmallRyeConfigBuilder().withMapping(IngestConfig.class)
                .withConverter(Duration.class, 100, new DurationConverter())
                .withConverter(Path.class, 100, new PathConverter())
                .withDefaultValue("ingest.spool.dir", dir.toString())
                .withDefaultValue("ingest.queue.capacity", Integer.toString(queueCapacity)).build()
                .getConfigMapping(IngestConfig.class);
    }
}
