package io.msgkey.recorder.recording;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.agroal.api.AgroalDataSource;
import io.quarkus.agroal.DataSource;

/**
 * Every statement on {@code recording_interval}. Beats are written on the write path's own connection pool, which
 * fails fast while the database is away (the beat is then kept for later) and never waits behind searches.
 */
@ApplicationScoped
class RecordingIntervals {

    private final AgroalDataSource ingest;
    private final AgroalDataSource api;

    RecordingIntervals(@DataSource("ingest") AgroalDataSource ingest, AgroalDataSource api) {
        this.ingest = ingest;
        this.api = api;
    }

    /** Writes the intervals; a known one only ever grows (beats written late cannot shorten it). */
    void save(List<RecordingInterval> intervals) throws SQLException {
        try (Connection connection = ingest.getConnection();
                PreparedStatement statement = connection.prepareStatement("""
                        INSERT INTO recording_interval (instance, started_at, last_beat)
                        SELECT * FROM unnest(?::text[], ?::timestamptz[], ?::timestamptz[])
                        ON CONFLICT (instance, started_at)
                        DO UPDATE SET last_beat = greatest(recording_interval.last_beat, excluded.last_beat)""")) {
            statement.setArray(1, connection.createArrayOf("text",
                    intervals.stream().map(RecordingInterval::instance).toArray()));
            statement.setArray(2, connection.createArrayOf("text",
                    intervals.stream().map(interval -> interval.startedAt().toString()).toArray()));
            statement.setArray(3, connection.createArrayOf("text",
                    intervals.stream().map(interval -> interval.lastBeat().toString()).toArray()));
            statement.executeUpdate();
        }
    }

    /** The intervals that overlap [since, until). */
    List<RecordingInterval> overlapping(Instant since, Instant until) throws SQLException {
        try (Connection connection = api.getConnection();
                PreparedStatement statement = connection.prepareStatement("""
                        SELECT instance, started_at, last_beat FROM recording_interval
                        WHERE last_beat >= ?::timestamptz AND started_at < ?::timestamptz ORDER BY started_at""")) {
            statement.setString(1, since.toString());
            statement.setString(2, until.toString());
            List<RecordingInterval> intervals = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    intervals.add(new RecordingInterval(rows.getString(1),
                            rows.getObject(2, OffsetDateTime.class).toInstant(),
                            rows.getObject(3, OffsetDateTime.class).toInstant()));
                }
            }
            return intervals;
        }
    }
}
