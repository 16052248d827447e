package io.msgkey.recorder.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import jakarta.validation.Validation;
import jakarta.validation.Validator;

import org.hibernate.validator.messageinterpolation.ParameterMessageInterpolator;
import org.junit.jupiter.api.Test;

import io.quarkus.runtime.configuration.DurationConverter;
import io.quarkus.runtime.configuration.PathConverter;
import io.smallrye.config.ConfigValidationException;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.smallrye.config.validator.BeanValidationConfigValidator;

/** The write path's limits, checked when the configuration is read, before anything starts. */
class IngestConfigTest {

    private static final Validator VALIDATOR = Validation.byDefaultProvider().configure()
            .messageInterpolator(new ParameterMessageInterpolator()).buildValidatorFactory().getValidator();

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
        return new SmallRyeConfigBuilder().withMapping(IngestConfig.class)
                .withConverter(Duration.class, 100, new DurationConverter())
                .withConverter(Path.class, 100, new PathConverter())
                .withSources(new PropertiesConfigSource(properties, "test", 500))
                .withValidator(new BeanValidationConfigValidator() {
                    @Override
                    public Validator getValidator() {
                        return VALIDATOR;
                    }
                }).build().getConfigMapping(IngestConfig.class);
    }
}
