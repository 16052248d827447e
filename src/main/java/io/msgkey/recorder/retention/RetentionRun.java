package io.msgkey.recorder.retention;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.agroal.api.AgroalDataSource;
import io.msgkey.recorder.partition.DayPartition;

/**
 * One retention run: message records, then recall jobs, under one PostgreSQL advisory lock held on the run's own
 * connection for its whole length, so two instances never run at once (the second finds the lock taken and skips).
 * The run is audited while it holds the lock; the detached days' files are then dropped in the background
 * ({@link BackgroundDrop}) still under it, and the lock goes when they are.
 */
@ApplicationScoped
class RetentionRun {

    /** "msgkret1": the advisory lock key of retention runs. */
    static final long LOCK_KEY = 0x6d73676b72657431L;
    private static final Logger LOG = Logger.getLogger(RetentionRun.class);

    private final AgroalDataSource dataSource;
    private final MessageRetention messages;
    private final RecallJobRetention recallJobs;
    private final BackgroundDrop drops;

    RetentionRun(AgroalDataSource dataSource, MessageRetention messages, RecallJobRetention recallJobs,
            BackgroundDrop drops) {
        this.dataSource = dataSource;
        this.messages = messages;
        this.recallJobs = recallJobs;
        this.drops = drops;
    }

    /**
     * Removes messages before the first cutoff and jobs finished before the second, has the report audited (which marks
     * the counted days), and leaves the detached days to the background drop; empty if another run holds the lock.
     */
    Optional<RetentionReport> run(Optional<Instant> messagesBefore, Optional<Instant> jobsBefore,
            Consumer<RetentionReport> audit) throws SQLException {
        Connection connection = dataSource.getConnection();
        RetentionReport report;
        List<DayPartition> detached;
        try {
            connection.setAutoCommit(true);
            if (!advisory(connection, "pg_try_advisory_lock")) {
                connection.close();
                return Optional.empty();
            }
            long started = System.nanoTime();
            MessageRetention.Removed message = messagesBefore.isEmpty()
                    ? new MessageRetention.Removed(0, 0, List.of(), List.of())
                    : messages.remove(connection, messagesBefore.get());
            long messagesDone = System.nanoTime();
            RecallJobRetention.Removed jobs = jobsBefore.isEmpty() ? new RecallJobRetention.Removed(0, 0)
                    : recallJobs.remove(connection, jobsBefore.get());
            long jobsDone = System.nanoTime();
            report = new RetentionReport(jobs.jobs(), jobs.items(), message.partitions(), message.messages(),
                    message.keptForHold(), message.counted(), message.detached().size());
            audit.accept(report);
            detached = message.detached();
            LOG.infof("retention run: messages in %d ms, recall jobs in %d ms, audited in %d ms; %d detached days "
                    + "are dropped after the answer", (messagesDone - started) / 1_000_000,
                    (jobsDone - messagesDone) / 1_000_000, (System.nanoTime() - jobsDone) / 1_000_000, detached.size());
        } catch (SQLException | RuntimeException e) {
            release(connection);
            throw e;
        }
        if (detached.isEmpty()) {
            release(connection);
        } else {
            drops.start(connection, detached, () -> release(connection));
        }
        return Optional.of(report);
    }

    /** Lets the lock go and the connection back to the pool (closing it lets the lock go too). */
    private static void release(Connection connection) {
        try (connection) {
            if (!connection.isClosed()) {
                advisory(connection, "pg_advisory_unlock");
            }
        } catch (SQLException e) {
            LOG.debugf("retention lock released with its connection: %s", e.toString());
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
