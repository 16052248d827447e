package io.msgkey.recorder.retention;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.msgkey.recorder.hold.LegalHolds;

/**
 * Removes finished recall jobs past their retention, with their items and counts: the only statements that delete
 * from {@code recall_job}, {@code recall_item} and {@code recall_job_count}. It runs under the retention lock
 * ({@link RetentionRun}), so two instances never run at once; items go in chunks of {@value #CHUNK}, each its own
 * short transaction, and a job row goes once its items have. A job is kept while any of its items is pending or names a
 * user under an active legal hold.
 */
@ApplicationScoped
class RecallJobRetention {

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

    record Removed(long jobs, long items) {
    }

    /** Removes what finished before {@code cutoff}, on the run's connection (in autocommit). */
    Removed remove(Connection connection, Instant before) throws SQLException {
        Timestamp cutoff = Timestamp.from(before);
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
        return new Removed(jobs, items);
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
}
