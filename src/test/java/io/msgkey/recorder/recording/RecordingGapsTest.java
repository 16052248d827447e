package io.msgkey.recorder.recording;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

/** The gaps of a time range: what no instance's recording interval covers, of at least the threshold. */
class RecordingGapsTest {

    private static final Instant T0 = Instant.parse("2024-05-01T00:00:00Z");
    private static final Duration THRESHOLD = Duration.ofSeconds(30);

    @Test
    void overlappingIntervalsOfSeveralInstancesLeaveOnlyWhatNoneCovers() {
        List<RecordingInterval> intervals = List.of(interval("b", 50, 200), interval("a", 0, 100),
                interval("a", 260, 400), interval("c", 255, 265));

        List<RecordingGap> gaps = RecordingGaps.of(intervals, at(-100), at(500), THRESHOLD);

        assertThat(gaps).containsExactly(RecordingGap.between(at(-100), at(0)),
                RecordingGap.between(at(200), at(255)), RecordingGap.between(at(400), at(500)));
        assertThat(gaps.get(1).seconds()).isEqualTo(55);
    }

    @Test
    void gapsShorterThanTheThresholdAreNotGaps() {
        List<RecordingInterval> intervals = List.of(interval("a", 0, 100), interval("b", 129, 300));

        assertThat(RecordingGaps.of(intervals, at(0), at(300), THRESHOLD)).isEmpty();
        assertThat(RecordingGaps.of(intervals, at(0), at(300), Duration.ofSeconds(29)))
                .containsExactly(RecordingGap.between(at(100), at(129)));
    }

    @Test
    void gapsAreClippedToTheRange() {
        List<RecordingInterval> intervals = List.of(interval("a", 0, 100), interval("a", 200, 300));

        assertThat(RecordingGaps.of(intervals, at(150), at(180), THRESHOLD))
                .containsExactly(RecordingGap.between(at(150), at(180)));
        assertThat(RecordingGaps.of(intervals, at(50), at(250), THRESHOLD))
                .containsExactly(RecordingGap.between(at(100), at(200)));
        assertThat(RecordingGaps.of(List.of(), at(0), at(60), THRESHOLD))
                .containsExactly(RecordingGap.between(at(0), at(60)));
    }

    private static RecordingInterval interval(String instance, long from, long lastBeat) {
        return new RecordingInterval(instance, at(from), at(lastBeat));
    }

    private static Instant at(long seconds) {
        return T0.plusSeconds(seconds);
    }
}
