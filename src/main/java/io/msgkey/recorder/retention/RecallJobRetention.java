package io.msgkey.recorder.retention;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.agroal.api.AgroalDataSource;
import io.msgkey.recorder.hold.LegalHolds;

/**
 * Removes finished recall jobs past their retention, with their items and counts: the only statements that delete
 * from {@code recall_job}, {@code recall_item} and {@code recall_job_count}. A run holds a PostgreSQL advisory lock for its
 * whole length on its own
 * connection, so two instances never run at once; items go in chunks of {@value #CHUNK}, each its own short
 * transaction, and a job row goes once its items have. A job is kept while any of its items is pending or names a
 * user under an active legal hold.
 */
@ApplicationScoped
class RecallJobRetention {

    /** "msgkret1": the advisory lock key of retention runs. */
    static final long LOCK_KEY = 0x6d73676b72657431L;
    static final int CHUNK = 5000;
    private static final int JOBS_PER_ROUND = 100;

    private static final String EXPIRED_JOBS = """
            SELECT j.id FROM recall_job j
            WHERE j.state IN ('COMPLETED', 'CANCELLED') AND coalesce(j.completed_at, j.cancelled_at) < ?
              AND j.id > ?
              AND NOT EXISTS (SELECT 1 FROM recall_item i WHERE i.job_id = j.id
                              AND (i.outcome = 'PENDING' OR %s OR %s))
            ORDER BY j.id LIMIT %d""".formatted(LegalHolds.ACTIVE_FOR_ACCOUNT.formatted("i.from_account"),
            LegalHolds.ACTIVE_FOR_ACCOUNT.formatted("i.to_account"), JOBS_PER_ROUND);

    private final AgroalDataSource dataSource;

    RecallJobRetention(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Removes what finished before {@code cutoff}; empty when another run holds the lock. */
    Optional<RetentionReport> run(Instant cutoff) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(true);
            if (!advisory(connection, "pg_try_advisory_lock")) {
                return Optional.empty();
            }
            try {
                return Optional.of(removeExpired(connection, Timestamp.from(cutoff)));
            } finally {
                advisory(connection, "pg_advisory_unlock");
            }
        }
    }

    private RetentionReport removeExpired(Connection connection, Timestamp cutoff) throws SQLException {
        long jobs = 0;
        long items = 0;
        long after = 0;
        List<Long> round;
        do {
            round = expiredJobs(connection, cutoff, after);
            for (long job : round) {
                items += removeItems(connection, job);
                update(connection, "DELETE FROM recall_job_count WHERE job_id = ?", job);
                jobs += update(connection, "DELETE FROM recall_job WHERE id = ?", job);
                after = job;
            }
        } while (round.size() == JOBS_PER_ROUND);
        return new RetentionReport(jobs, items);
    }

    private List<Long> expiredJobs(Connection connection, Timestamp cutoff, long after) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(EXPIRED_JOBS)) {
            select.setTimestamp(1, cutoff);
            select.setLong(2, after);
            List<Long> ids = new ArrayList<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    ids.add(rows.getLong(1));
                }
            }
            return ids;
        }
    }

    private long removeItems(Connection connection, long job) throws SQLException {
        long removed = 0;
        int chunk;
        do {
            chunk = update(connection, "DELETE FROM recall_item WHERE id IN (SELECT id FROM recall_item WHERE job_id = ? "
                    + "ORDER BY id LIMIT " + CHUNK + ")", job);
            removed += chunk;
        } while (chunk == CHUNK);
        return removed;
    }

    private static int update(Connection connection, String sql, long id) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setLong(1, id);
            return statement.executeUpdate();
        }
    }

    private static boolean advisory(Connection connection, String function) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("SELECT " + function + "(?)")) {
            statement.setLong(1, LOCK_KEY);
            try (ResultSet row = statement.executeQuery()) {
                return row.next() && row.getBoolean(1);
            }
        }
    }
}
