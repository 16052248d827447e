package io.msgkey.recorder.retention;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.Period;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RetentionPeriodTest {

    private final RetentionPeriod.Parser parser = new RetentionPeriod.Parser();

    @Test
    void aPeriodInYearsCutsOffByTheCalendar() {
        RetentionPeriod twoYears = parser.convert("P2Y");
        assertThat(twoYears.enabled()).isTrue();
        assertThat(twoYears.period()).contains(Period.ofYears(2));
        assertThat(twoYears.cutoff(Instant.parse("2026-03-01T00:00:00Z")))
                .contains(Instant.parse("2024-03-01T00:00:00Z"));
        assertThat(parser.convert(" P30D ").cutoff(Instant.parse("2026-03-01T00:00:00Z")))
                .contains(Instant.parse("2026-01-30T00:00:00Z"));
    }

    @ParameterizedTest
    @ValueSource(strings = { "0", "off", "OFF" })
    void zeroOrOffKeepsForEver(String value) {
        RetentionPeriod off = parser.convert(value);
        assertThat(off.enabled()).isFalse();
        assertThat(off.cutoff(Instant.now())).isEmpty();
        assertThat(off).hasToString("off");
    }

    @ParameterizedTest
    @ValueSource(strings = { "2y", "P-1D", "P0D", "30 days", "PT24H" })
    void anythingElseIsRefused(String value) {
        assertThatThrownBy(() -> parser.convert(value)).isInstanceOf(IllegalArgumentException.class);
    }
}
