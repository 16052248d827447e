package io.msgkey.recorder.common;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/** Time parameters of the API: ISO-8601 with an offset, so a time is never read in the server's zone by accident. */
public final class InstantParameter {

    private static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");
    private static final Instant LATEST = Instant.parse("+10000-01-01T00:00:00Z");

    private InstantParameter() {
    }

    /** Null when absent or blank; a 400 naming the parameter when unparsable. */
    public static Instant parse(String parameter, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        Instant instant;
        try {
            instant = OffsetDateTime.parse(value.trim()).toInstant();
        } catch (DateTimeParseException e) {
            throw ApiException.badParameter(parameter,
                    parameter + " must be an ISO-8601 instant with an offset, e.g. 2024-05-01T08:00:00Z");
        }
        // Java parses years PostgreSQL cannot store; past the year 9999 a query would fail instead of answering.
        if (!isStorable(instant)) {
            throw ApiException.badParameter(parameter, parameter + " must lie between the years 0001 and 9999");
        }
        return instant;
    }

    /** Whether PostgreSQL can store and compare the instant as the API's times allow: the years 0001 to 9999. */
    static boolean isStorable(Instant instant) {
        return !instant.isBefore(EARLIEST) && instant.isBefore(LATEST);
    }
}
