package io.msgkey.recorder.ingest;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Collection;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.faulttolerance.CircuitBreaker;

import io.agroal.api.AgroalDataSource;

/**
 * Commits batches of records. The circuit breaker stops writers and the replayer from queueing behind a database that
 * is down: while it is open, batches go straight to the spool instead of waiting for a connection.
 */
@ApplicationScoped
public class MessageStore {

    private final AgroalDataSource dataSource;
    private final long statementTimeoutMillis;

    MessageStore(AgroalDataSource dataSource, IngestConfig config) {
        this.dataSource = dataSource;
        this.statementTimeoutMillis = config.batch().commitTimeout().toMillis();
    }

    @CircuitBreaker(requestVolumeThreshold = 4, failureRatio = 0.5, delay = 1000, successThreshold = 1)
    public void write(Collection<MessageRecord> records) throws SQLException {
        List<MessageRow> rows = MessageRow.merge(records);
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                try (Statement statement = connection.createStatement()) {
                    // A batch stuck on a lock or a slow disk must not hold its writer past the spool deadline.
                    statement.execute("SET LOCAL statement_timeout = " + statementTimeoutMillis);
                }
                MessageUpsert.execute(connection, rows);
                connection.commit();
            } catch (SQLException | RuntimeException e) {
                rollbackQuietly(connection, e);
                throw e;
            }
        }
    }

    private static void rollbackQuietly(Connection connection, Exception cause) {
        try {
            connection.rollback();
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }
}
