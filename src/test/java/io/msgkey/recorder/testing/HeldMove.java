package io.msgkey.recorder.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;

import javax.sql.DataSource;

/**
 * A row of message or group_message moved to another day partition, as the write path promotes a stand-in, on a
 * connection of its own and left uncommitted: a writer of the row started meanwhile waits for it, and once it commits
 * finds the row gone from where it was (SQLSTATE 40001).
 */
public final class HeldMove implements AutoCloseable {

    private final DataSource dataSource;
    private final Connection connection;
    private final int pid;
    private boolean committed;

    private HeldMove(DataSource dataSource, Connection connection, int pid) {
        this.dataSource = dataSource;
        this.connection = connection;
        this.pid = pid;
    }

    /** Moves the row of {@code table} with this id to {@code msgTime}, which must be of another partition. */
    public static HeldMove of(DataSource dataSource, String table, long id, Instant msgTime) throws SQLException {
        Connection connection = dataSource.getConnection();
        try {
            connection.setAutoCommit(false);
            int pid;
            try (PreparedStatement statement = connection.prepareStatement("SELECT pg_backend_pid()");
                    ResultSet row = statement.executeQuery()) {
                row.next();
                pid = row.getInt(1);
            }
            String from = partition(connection, "SELECT tableoid::regclass::text FROM " + table + " WHERE id = ?", id);
            String to = partition(connection, "UPDATE " + table + " SET msg_time = ?, msg_time_estimated = false "
                    + "WHERE id = ? RETURNING tableoid::regclass::text", Timestamp.from(msgTime), id);
            assertThat(to).as("the row moves to another partition").isNotEqualTo(from);
            return new HeldMove(dataSource, connection, pid);
        } catch (SQLException | RuntimeException | Error e) {
            connection.close();
            throw e;
        }
    }

    private static String partition(Connection connection, String sql, Object... parameters) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            try (ResultSet row = statement.executeQuery()) {
                assertThat(row.next()).as("the row exists").isTrue();
                return row.getString(1);
            }
        }
    }

    /** Waits until another session waits for this move (for the row it moved), at most ten seconds. */
    public void awaitBlocking() {
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20)).until(() -> Rows.count(dataSource,
                "SELECT count(*) FROM pg_stat_activity WHERE ? = ANY (pg_blocking_pids(pid))", pid) > 0);
    }

    public void commit() throws SQLException {
        connection.commit();
        committed = true;
    }

    @Override
    public void close() throws SQLException {
        try {
            if (!committed) {
                connection.rollback();
            }
        } finally {
            connection.close();
        }
    }
}
