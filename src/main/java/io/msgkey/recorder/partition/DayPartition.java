package io.msgkey.recorder.partition;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;

/**
 * One UTC day of a partitioned message table: {@code message_p20261202} holds msg_time in [2026-12-02 00:00Z,
 * 2026-12-03 00:00Z). The name alone tells the day, so a partition detached by a run that crashed is still
 * recognised by the next one.
 */
public record DayPartition(String parent, LocalDate day) {

    /** The partitioned tables: one-to-one and group messages. */
    public static final List<String> PARENTS = List.of("message", "group_message");
    private static final DateTimeFormatter SUFFIX = DateTimeFormatter.ofPattern("yyyyMMdd");

    public String name() {
        return parent + "_p" + day.format(SUFFIX);
    }

    /** The parent's default partition, where msg_times no day covers are kept. */
    public static String defaultPartition(String parent) {
        return parent + "_default";
    }

    public Instant from() {
        return day.atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    public Instant to() {
        return day.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    /** The day partition of that parent a table name denotes; empty for any other name. */
    public static Optional<DayPartition> parse(String parent, String name) {
        String prefix = parent + "_p";
        if (!name.startsWith(prefix) || name.length() != prefix.length() + 8) {
            return Optional.empty();
        }
        try {
            return Optional.of(new DayPartition(parent, LocalDate.parse(name.substring(prefix.length()), SUFFIX)));
        } catch (java.time.format.DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
