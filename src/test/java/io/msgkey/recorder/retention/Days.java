package io.msgkey.recorder.retention;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

import io.agroal.api.AgroalDataSource;
import io.msgkey.recorder.testing.Rows;

/** Old day partitions for retention tests, and the wait for their files to go after a run answered. */
final class Days {

    private Days() {
    }

    /** A day long past retention with partitions of both tables, as a week ahead once created them. */
    static LocalDate old(AgroalDataSource dataSource, int daysAgo) {
        LocalDate old = LocalDate.now(ZoneOffset.UTC).minusDays(daysAgo);
        for (String parent : List.of("message", "group_message")) {
            Rows.execute(dataSource, "CREATE TABLE " + name(parent, old) + " PARTITION OF " + parent
                    + " FOR VALUES FROM ('" + at(old, 0) + "') TO ('" + at(old.plusDays(1), 0) + "')");
        }
        return old;
    }

    static String name(String parent, LocalDate day) {
        return parent + "_p" + day.format(DateTimeFormatter.BASIC_ISO_DATE);
    }

    static Instant at(LocalDate day, int hour) {
        return day.atStartOfDay(ZoneOffset.UTC).plusHours(hour).toInstant();
    }

    static long existing(AgroalDataSource dataSource, String... tables) {
        return Rows.count(dataSource, "SELECT count(*) FROM pg_class WHERE relname = ANY (?)", (Object) tables);
    }

    /** The tables' files are dropped after the run answered: within seconds. */
    static void awaitDropped(AgroalDataSource dataSource, String... tables) {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (existing(dataSource, tables) > 0 && System.nanoTime() < deadline) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        assertThat(existing(dataSource, tables)).as("day tables left").isZero();
    }
}
