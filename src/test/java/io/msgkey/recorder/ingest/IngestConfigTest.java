package io.msgkey.recorder.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.msgkey.recorder.common.ConfigMappings;
import io.smallrye.config.ConfigValidationException;

/** The write path's limits, checked when the configuration is read, before anything starts. */
class IngestConfigTest {

    @Test
    void theDefaultsHold() {
        IngestConfig config = config(Map.of());

        assertThat(config.batch().commitTimeout()).isEqualTo(Duration.ofMillis(700));
        assertThat(config.batch().maxSize()).isEqualTo(500);
        assertThat(config.spool().dir()).isEqualTo(Path.of("data/spool"));
    }

    @Test
    void aCommitTimeoutPastOneSecondIsRefused() {
        assertThat(config(Map.of("ingest.batch.commit-timeout", "1s")).batch().commitTimeout())
                .isEqualTo(Duration.ofSeconds(1));
        assertThatThrownBy(() -> config(Map.of("ingest.batch.commit-timeout", "1001ms")))
                .isInstanceOf(ConfigValidationException.class).hasMessageContaining("ingest.batch.commit-timeout")
                .hasMessageContaining("must be at most 1 s");
    }

    @Test
    void batchesNeedARecordAndAWriter() {
        assertThatThrownBy(() -> config(Map.of("ingest.batch.max-size", "0")))
                .isInstanceOf(ConfigValidationException.class).hasMessageContaining("ingest.batch.max-size");
        assertThatThrownBy(() -> config(Map.of("ingest.batch.writers", "0")))
                .isInstanceOf(ConfigValidationException.class).hasMessageContaining("ingest.batch.writers");
    }

    private static IngestConfig config(Map<String, String> properties) {
        return ConfigMappings.read(IngestConfig.class, properties);
    }
}
