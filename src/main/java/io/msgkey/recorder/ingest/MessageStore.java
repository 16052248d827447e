package io.msgkey.recorder.ingest;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.faulttolerance.CircuitBreaker;

import io.agroal.api.AgroalDataSource;
import io.msgkey.recorder.common.Causes;
import io.msgkey.recorder.message.MessageKey;
import io.msgkey.recorder.recall.GroupRecallEcho;
import io.msgkey.recorder.recall.RecallEcho;
import io.msgkey.recorder.recall.RecallItemRepository;
import io.quarkus.agroal.DataSource;

/**
 * Commits batches of records on the write path's own connection pool, so that searches and recall jobs never make a
 * callback wait for a connection. One-to-one and group records of a batch commit together, one-to-one rows first (a
 * fixed order, so concurrent batches never wait on each other in a cycle). Recall echoes in a batch confirm the recall jobs'
 * items in the same transaction,
 * after the message rows. The circuit breaker stops writers and the replayer from queueing behind a database that is
 * down: while it is open, batches go straight to the spool.
 */
@ApplicationScoped
public class MessageStore {

    /**
     * SQLSTATE classes that blame the statement's content, not the database: cardinality (two records of a batch the
     * database takes for one), data, integrity, limits.
     */
    private static final Set<String> REFUSALS = Set.of("21", "22", "23", "54");

    private final AgroalDataSource dataSource;
    private final RecallItemRepository recallItems;
    private final long statementTimeoutMillis;

    MessageStore(@DataSource("ingest") AgroalDataSource dataSource, RecallItemRepository recallItems,
            IngestConfig config) {
        this.dataSource = dataSource;
        this.recallItems = recallItems;
        this.statementTimeoutMillis = config.batch().commitTimeout().toMillis();
    }

    @CircuitBreaker(requestVolumeThreshold = 4, failureRatio = 0.5, delay = 1000, successThreshold = 1)
    public void write(Collection<MessageRecord> records) throws SQLException {
        commit(records);
    }

    /**
     * After a batch was refused for what it holds, writes its records one by one and returns those refused on their
     * own, so that one bad record cannot hold up the rest, or the spool, for ever.
     */
    public List<MessageRecord> writeEach(Collection<MessageRecord> records) throws SQLException {
        List<MessageRecord> refused = new ArrayList<>();
        for (MessageRecord record : records) {
            try {
                commit(List.of(record));
            } catch (SQLException e) {
                if (!isRefusal(e)) {
                    throw e;
                }
                refused.add(record);
            }
        }
        return refused;
    }

    /**
     * Writes records in the caller's transaction, on the caller's connection, and returns the keys of the messages
     * that were new to the record. A sync job writes a page of Tencent's history this way, together with its progress,
     * so that both commit or neither does and its counts of new and known messages stay exact.
     */
    public Set<MessageKey> writeInTransaction(Connection connection, Collection<MessageRecord> records)
            throws SQLException {
        List<MessageRow> rows = MessageRow.merge(oneToOne(records));
        List<GroupMessageRow> groupRows = GroupMessageRow.merge(groups(records));
        Set<MessageKey> inserted = rows.isEmpty() ? Set.of()
                : MessageUpsert.executeReportingInserted(connection, rows);
        if (!groupRows.isEmpty()) {
            GroupMessageUpsert.execute(connection, groupRows);
        }
        confirmEchoes(connection, rows);
        confirmGroupEchoes(connection, groupRows);
        return inserted;
    }

    static boolean isRefusal(Throwable failure) {
        return Causes.chain(failure).anyMatch(cause -> cause instanceof SQLException sql && sql.getSQLState() != null
                && sql.getSQLState().length() >= 2 && REFUSALS.contains(sql.getSQLState().substring(0, 2)));
    }

    private void commit(Collection<MessageRecord> records) throws SQLException {
        List<MessageRow> rows = MessageRow.merge(oneToOne(records));
        List<GroupMessageRow> groupRows = GroupMessageRow.merge(groups(records));
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                try (Statement statement = connection.createStatement()) {
                    // A batch stuck on a lock or a slow disk must not hold its writer past the spool deadline.
                    statement.execute("SET LOCAL statement_timeout = " + statementTimeoutMillis);
                }
                if (!rows.isEmpty()) {
                    MessageUpsert.execute(connection, rows);
                    confirmEchoes(connection, rows);
                }
                if (!groupRows.isEmpty()) {
                    GroupMessageUpsert.execute(connection, groupRows);
                    confirmGroupEchoes(connection, groupRows);
                }
                connection.commit();
            } catch (SQLException | RuntimeException e) {
                rollbackQuietly(connection, e);
                throw e;
            }
        }
    }

    private static List<MessageRecord> oneToOne(Collection<MessageRecord> records) {
        return records.stream().filter(record -> !record.kind().isGroup()).toList();
    }

    private static List<MessageRecord> groups(Collection<MessageRecord> records) {
        return records.stream().filter(record -> record.kind().isGroup()).toList();
    }

    private void confirmEchoes(Connection connection, List<MessageRow> rows) throws SQLException {
        List<RecallEcho> echoes = rows.stream().filter(row -> row.recallReportedAt() != null)
                .map(row -> new RecallEcho(row.key(), row.recallReportedAt())).toList();
        if (!echoes.isEmpty()) {
            recallItems.confirmEchoes(connection, echoes);
        }
    }

    private void confirmGroupEchoes(Connection connection, List<GroupMessageRow> rows) throws SQLException {
        List<GroupRecallEcho> echoes = rows.stream().filter(row -> row.recallReportedAt() != null)
                .map(row -> new GroupRecallEcho(row.key(), row.recallReportedAt())).toList();
        if (!echoes.isEmpty()) {
            recallItems.confirmGroupEchoes(connection, echoes);
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
