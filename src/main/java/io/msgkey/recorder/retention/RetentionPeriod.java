package io.msgkey.recorder.retention;

import java.time.Instant;
import java.time.Period;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;

import org.eclipse.microprofile.config.spi.Converter;

/**
 * How long something is kept: an ISO-8601 period ({@code P2Y}, {@code P30D}), or {@code 0} / {@code off} for "kept
 * for ever". Anything else, a negative period included, stops the start naming the setting.
 */
public record RetentionPeriod(Optional<Period> period) {

    public boolean enabled() {
        return period.isPresent();
    }

    /** What is older than this is past retention; empty when retention is off. */
    public Optional<Instant> cutoff(Instant now) {
        return period.map(p -> now.atOffset(ZoneOffset.UTC).minus(p).toInstant());
    }

    @Override
    public String toString() {
        return period.map(Period::toString).orElse("off");
    }

    public static class Parser implements Converter<RetentionPeriod> {

        @Override
        public RetentionPeriod convert(String value) {
            String text = value.strip();
            if (text.equals("0") || text.toLowerCase(Locale.ROOT).equals("off")) {
                return new RetentionPeriod(Optional.empty());
            }
            Period period;
            try {
                period = Period.parse(text);
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("not a period like P2Y or P30D, nor 0 or off: " + text);
            }
            if (period.isNegative() || period.isZero()) {
                throw new IllegalArgumentException("a retention period must be positive (or 0/off): " + text);
            }
            return new RetentionPeriod(Optional.of(period));
        }
    }
}
