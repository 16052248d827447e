package io.msgkey.recorder.recording;

import java.time.Instant;
import java.util.List;

/**
 * The gaps in a time range, oldest first, as known at {@code asOf}. An instance that cannot reach the database writes
 * its beats once it can again, so a gap that ends near {@code asOf} may still close.
 */
public record RecordingGapReport(List<RecordingGap> gaps, Instant asOf) {
}
