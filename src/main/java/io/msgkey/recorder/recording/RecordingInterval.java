package io.msgkey.recorder.recording;

import java.time.Instant;

/** A time in which one instance was accepting callbacks: from its first beat to its last, by its own clock. */
public record RecordingInterval(String instance, Instant startedAt, Instant lastBeat) {

    RecordingInterval beatAt(Instant now) {
        return new RecordingInterval(instance, startedAt, now.isAfter(lastBeat) ? now : lastBeat);
    }
}
