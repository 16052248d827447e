package io.msgkey.recorder.recording;

import java.time.Duration;

import org.hibernate.validator.constraints.time.DurationMin;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "recording")
public interface RecordingConfig {

    /** How often each instance notes that it is accepting callbacks (at least 1 s: the scheduler's granularity). */
    @WithDefault("5s")
    @DurationMin(seconds = 1)
    Duration heartbeatInterval();

    /**
     * The shortest time without any instance accepting callbacks that counts as a gap in the record. Keep it well
     * above the heartbeat interval: an instance's interval ends at its last beat, so a restart shows a short pause.
     */
    @WithDefault("30s")
    @DurationMin(seconds = 1)
    Duration gapThreshold();
}
