package io.msgkey.recorder.recording;

import java.time.Duration;
import java.time.Instant;

/** A time in which no instance was accepting callbacks: what was sent then reached the record only by other routes. */
public record RecordingGap(Instant from, Instant until, long seconds) {

    static RecordingGap between(Instant from, Instant until) {
        return new RecordingGap(from, until, Duration.between(from, until).toSeconds());
    }
}
