package io.msgkey.recorder.retention;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.agroal.api.AgroalDataSource;

/**
 * One retention run: message records, then recall jobs, under one PostgreSQL advisory lock held on the run's own
 * connection for its whole length, so two instances never run at once (the second finds the lock taken and skips).
 */
@ApplicationScoped
class RetentionRun {

    /** "msgkret1": the advisory lock key of retention runs. */
    static final long LOCK_KEY = 0x6d73676b72657431L;

    private final AgroalDataSource dataSource;
    private final MessageRetention messages;
    private final RecallJobRetention recallJobs;

    RetentionRun(AgroalDataSource dataSource, MessageRetention messages, RecallJobRetention recallJobs) {
        this.dataSource = dataSource;
        this.messages = messages;
        this.recallJobs = recallJobs;
    }

    /** Removes messages before the first cutoff and jobs finished before the second; empty if another run holds it. */
    Optional<RetentionReport> run(Optional<Instant> messagesBefore, Optional<Instant> jobsBefore)
            throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(true);
            if (!advisory(connection, "pg_try_advisory_lock")) {
                return Optional.empty();
            }
            try {
                MessageRetention.Removed message = messagesBefore.isEmpty() ? new MessageRetention.Removed(0, 0, 0)
                        : messages.remove(connection, messagesBefore.get());
                RecallJobRetention.Removed jobs = jobsBefore.isEmpty() ? new RecallJobRetention.Removed(0, 0)
                        : recallJobs.remove(connection, jobsBefore.get());
                return Optional.of(new RetentionReport(jobs.jobs(), jobs.items(), message.partitions(),
                        message.messages(), message.keptForHold()));
            } finally {
                advisory(connection, "pg_advisory_unlock");
            }
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
