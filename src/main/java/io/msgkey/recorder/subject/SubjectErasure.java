package io.msgkey.recorder.subject;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

import jakarta.enterprise.context.ApplicationScoped;

import io.agroal.api.AgroalDataSource;
import io.msgkey.recorder.hold.LegalHolds;
import io.msgkey.recorder.ingest.StandIns;
import io.msgkey.recorder.message.MovedRows;
import io.msgkey.recorder.tencent.TencentConfig;

/**
 * Removes a data subject's message records, the only statements that delete from the tables of
 * {@link SubjectTable#ALL}. A user with millions of rows is removed in chunks of {@value #CHUNK} rows, each its own
 * short transaction found through the index on one account column, so neither a long lock nor a giant transaction
 * holds up the write path. Every chunk re-checks the user's holds: a hold placed meanwhile stops the next chunk.
 */
@ApplicationScoped
class SubjectErasure {

    static final int CHUNK = 5000;

    private final AgroalDataSource dataSource;
    private final long sdkAppId;

    SubjectErasure(AgroalDataSource dataSource, TencentConfig config) {
        this.dataSource = dataSource;
        this.sdkAppId = config.sdkAppId();
    }

    /** Deletes every record naming the user, chunk after chunk, and returns how many went. */
    long erase(String user) throws SQLException {
        long removed = 0;
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(true);
            for (SubjectTable table : SubjectTable.ALL) {
                for (String column : table.accountColumns()) {
                    removed += eraseBy(connection, table.table(), column, user);
                }
            }
            StandIns.eraseAccount(connection, sdkAppId, user);
        }
        return removed;
    }

    private long eraseBy(Connection connection, String table, String column, String user) throws SQLException {
        String sql = "DELETE FROM " + table + " WHERE id IN (SELECT id FROM " + table + " WHERE sdk_app_id = ? AND "
                + column + " = ? LIMIT " + CHUNK + ") AND NOT " + LegalHolds.ACTIVE_FOR_ACCOUNT.formatted("?");
        long removed = 0;
        try (PreparedStatement delete = connection.prepareStatement(sql)) {
            delete.setLong(1, sdkAppId);
            delete.setString(2, user);
            delete.setString(3, user);
            int chunk;
            do {
                // each chunk is its own transaction: done again when a row moved partitions (a stand-in promoted)
                chunk = MovedRows.onConnection(delete::executeUpdate);
                removed += chunk;
            } while (chunk == CHUNK);
        }
        return removed;
    }
}
