package io.msgkey.recorder.tencent;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.agroal.api.AgroalDataSource;

/**
 * The one home of the call_pace table: the schedule of slots each rate-limited command shares across instances, and
 * its slowdowns after Tencent refused calls. Every time is the database's, so clocks of instances never meet.
 */
@ApplicationScoped
class CallPace {

    /** Refusals within this long of the last slowdown belong to the same burst and do not slow the pace further. */
    static final Duration SAME_BURST = Duration.ofSeconds(1);
    /** Each step of a slowdown spaces the slots this much more: 196/s becomes 157/s, then 125/s, … */
    static final double SLOWDOWN_STEP = 1.25;
    static final double MAX_SLOWDOWN = 8;

    private static final String FACTOR = "(CASE WHEN slowed_until > clock_timestamp() THEN slowdown ELSE 1 END)";

    private final AgroalDataSource dataSource;

    CallPace(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Where the database's clock stands after {@code count} slots: the wait until the first, and their spacing. */
    record Reservation(long waitNanos, long spacingNanos) {
    }

    /** The pace of a command as it is now. */
    record State(int perSecond, long spacingMicros, double slowdown, Optional<Instant> slowedUntil, String reason) {
    }

    /** A new configuration leaves the promised slots where they are: only their spacing from now on changes. */
    void configure(RateLimitedCommand command, int perSecond, long spacingMicros) {
        update("""
                INSERT INTO call_pace (command, per_second, spacing_us, next_slot) VALUES (?, ?, ?, clock_timestamp())
                ON CONFLICT (command) DO UPDATE SET per_second = excluded.per_second, spacing_us = excluded.spacing_us
                WHERE (call_pace.per_second, call_pace.spacing_us) IS DISTINCT FROM (excluded.per_second,
                    excluded.spacing_us)""", statement -> {
            statement.setString(1, command.command());
            statement.setInt(2, perSecond);
            statement.setLong(3, spacingMicros);
        });
    }

    /** Promises the next {@code count} slots of the command; empty if its row is missing (the table was emptied). */
    Optional<Reservation> reserve(RateLimitedCommand command, int count) {
        String sql = """
                UPDATE call_pace SET next_slot = greatest(next_slot, clock_timestamp())
                    + ? * (spacing_us * %1$s)::bigint * interval '1 microsecond'
                WHERE command = ?
                RETURNING (extract(epoch FROM next_slot - clock_timestamp()) * 1e6)::bigint, (spacing_us * %1$s)::bigint"""
                .formatted(FACTOR);
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setInt(1, count);
            statement.setString(2, command.command());
            try (ResultSet row = statement.executeQuery()) {
                if (!row.next()) {
                    return Optional.empty();
                }
                long spacingMicros = row.getLong(2);
                long firstMicros = Math.max(0, row.getLong(1) - count * spacingMicros);
                return Optional.of(new Reservation(firstMicros * 1000, spacingMicros * 1000));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not reserve a slot for " + command.command(), e);
        }
    }

    /**
     * Tencent refused a call: the slots are spaced {@link #SLOWDOWN_STEP} times wider for {@code hold}, wider again by
     * a refusal after the first burst of a slowdown, up to {@link #MAX_SLOWDOWN} times; every refusal moves the end of
     * the slowdown on.
     */
    void slowDown(RateLimitedCommand command, Duration hold, String reason) {
        update("""
                UPDATE call_pace SET
                    slowdown = CASE WHEN slowed_until IS NULL OR slowed_until <= clock_timestamp() THEN ?
                        WHEN slowed_at > clock_timestamp() - ? * interval '1 microsecond' THEN slowdown
                        ELSE least(slowdown * ?, ?) END,
                    slowed_at = CASE WHEN slowed_until > clock_timestamp()
                        AND slowed_at > clock_timestamp() - ? * interval '1 microsecond' THEN slowed_at
                        ELSE clock_timestamp() END,
                    slowed_until = clock_timestamp() + ? * interval '1 microsecond',
                    slowed_reason = ?
                WHERE command = ?""", statement -> {
            long burst = SAME_BURST.toNanos() / 1000;
            statement.setDouble(1, SLOWDOWN_STEP);
            statement.setLong(2, burst);
            statement.setDouble(3, SLOWDOWN_STEP);
            statement.setDouble(4, MAX_SLOWDOWN);
            statement.setLong(5, burst);
            statement.setLong(6, hold.toNanos() / 1000);
            statement.setString(7, reason);
            statement.setString(8, command.command());
        });
    }

    Optional<State> read(RateLimitedCommand command) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement("""
                        SELECT per_second, spacing_us, %s,
                            CASE WHEN slowed_until > clock_timestamp() THEN slowed_until END,
                            CASE WHEN slowed_until > clock_timestamp() THEN slowed_reason END
                        FROM call_pace WHERE command = ?""".formatted(FACTOR))) {
            statement.setString(1, command.command());
            try (ResultSet row = statement.executeQuery()) {
                if (!row.next()) {
                    return Optional.empty();
                }
                Timestamp until = row.getTimestamp(4);
                return Optional.of(new State(row.getInt(1), row.getLong(2), row.getDouble(3),
                        Optional.ofNullable(until).map(Timestamp::toInstant), row.getString(5)));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not read the pace of " + command.command(), e);
        }
    }

    private void update(String sql, Binder binder) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            binder.bind(statement);
            statement.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("could not update the shared call pace", e);
        }
    }

    @FunctionalInterface
    private interface Binder {
        void bind(PreparedStatement statement) throws SQLException;
    }
}
