package io.msgkey.recorder.common;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.smallrye.config.ConfigValidationException;

/** A setting outside what the service can work with stops the start with its name, instead of misbehaving later. */
class SettingBoundsTest {

    @ParameterizedTest
    @CsvSource({
            "io.msgkey.recorder.sync.SyncConfig, sync.worker.lease, 0s",
            "io.msgkey.recorder.sync.SyncConfig, sync.worker.poll-interval, 0s",
            "io.msgkey.recorder.sync.SyncConfig, sync.worker.retry-delay, -1s",
            "io.msgkey.recorder.security.SecurityConfig, security.sign-in.back-off, 0s",
            "io.msgkey.recorder.security.SecurityConfig, security.sign-in.max-back-off, 0s",
            "io.msgkey.recorder.security.SecurityConfig, security.sign-in.forget-after, 0s",
            "io.msgkey.recorder.demo.DemoConfig, demo.simulator-latency, -1ms",
            "io.msgkey.recorder.demo.DemoConfig, demo.sample-abuser, ' '",
            "io.msgkey.recorder.demo.DemoConfig, demo.sample-abuser-messages, 0",
            "io.msgkey.recorder.demo.DemoConfig, demo.sample-abuser-messages, 10001",
            "io.msgkey.recorder.ingest.IngestConfig, ingest.batch.max-wait, -1ms",
            "io.msgkey.recorder.ingest.IngestConfig, ingest.batch.max-wait, 101ms",
            "io.msgkey.recorder.ingest.IngestConfig, ingest.spool.replay-interval, 0s",
            "io.msgkey.recorder.retention.RetentionConfig, retention.schedule, 30s",
            "io.msgkey.recorder.retention.RetentionConfig, retention.recall-jobs, -P1D",
            "io.msgkey.recorder.retention.RetentionConfig, retention.recall-jobs, forever",
            "io.msgkey.recorder.retention.RetentionConfig, retention.recall-jobs, P0D",
    })
    void anUnworkableValueIsRefusedByName(Class<?> mapping, String key, String value) {
        assertThatCode(() -> config(mapping, Map.of())).doesNotThrowAnyException();
        assertThatThrownBy(() -> config(mapping, Map.of(key, value)))
                .isInstanceOf(ConfigValidationException.class).hasMessageContaining(key);
    }

    private static Object config(Class<?> mapping, Map<String, String> properties) {
        return ConfigMappings.read(mapping, properties);
    }
}
