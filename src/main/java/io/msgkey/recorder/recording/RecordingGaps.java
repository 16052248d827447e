package io.msgkey.recorder.recording;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** The parts of a time range that no recording interval covers, of at least the threshold. */
final class RecordingGaps {

    private RecordingGaps() {
    }

    static List<RecordingGap> of(List<RecordingInterval> intervals, Instant since, Instant until, Duration threshold) {
        List<RecordingInterval> byStart = intervals.stream()
                .sorted(Comparator.comparing(RecordingInterval::startedAt)).toList();
        List<RecordingGap> gaps = new ArrayList<>();
        Instant covered = since;
        for (RecordingInterval interval : byStart) {
            if (!covered.isBefore(until)) {
                break;
            }
            if (interval.startedAt().isAfter(covered)) {
                add(gaps, covered, interval.startedAt().isBefore(until) ? interval.startedAt() : until, threshold);
            }
            if (interval.lastBeat().isAfter(covered)) {
                covered = interval.lastBeat();
            }
        }
        if (covered.isBefore(until)) {
            add(gaps, covered, until, threshold);
        }
        return gaps;
    }

    private static void add(List<RecordingGap> gaps, Instant from, Instant until, Duration threshold) {
        if (Duration.between(from, until).compareTo(threshold) >= 0) {
            gaps.add(RecordingGap.between(from, until));
        }
    }
}
