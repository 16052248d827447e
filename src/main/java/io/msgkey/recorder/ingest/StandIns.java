package io.msgkey.recorder.ingest;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;

import io.msgkey.recorder.hold.LegalHolds;

/**
 * The one home of the stand-in tables (V16): the identities of messages stored with an estimated time, so that a batch
 * looks for stand-ins to move with a primary-key probe instead of in every day partition. The write path adds an entry
 * with each estimated record and drops it with the real one, under the batch's identity locks; an entry may outlive its
 * stand-in (the real record came first, or the row was erased), which costs one needless look at the message table.
 * Erasure removes a user's entries, and retention those older than the messages kept whose stand-in is gone.
 */
public final class StandIns {

    /** One-to-one messages: key arrays of sdk_app_id, from, to and MsgKey. */
    static final StandIns MESSAGE = new StandIns("message", "sdk_app_id, from_account, to_account, msg_key",
            "bigint[], text[], text[], text[]");
    /** Group messages: key arrays of sdk_app_id, group, topic and MsgSeq. */
    static final StandIns GROUP_MESSAGE = new StandIns("group_message", "sdk_app_id, group_id, topic_id, msg_seq",
            "bigint[], text[], text[], bigint[]");

    private final String any;
    private final String forgetReal;
    private final String recordEstimated;
    private final String removeResolved;

    private StandIns(String messages, String key, String types) {
        String table = messages + "_stand_in";
        String[] columns = key.split(", ");
        String[] arrays = types.split(", ");
        StringBuilder unnest = new StringBuilder();
        for (int i = 0; i < columns.length; i++) {
            unnest.append(i == 0 ? "" : ", ").append("?::").append(arrays[i]);
        }
        String join = sameKey(columns, "r");
        String rows = "unnest(" + unnest + ", ?::text[], ?::boolean[]) AS r(" + key + ", msg_time, estimated)";
        this.any = "SELECT EXISTS (SELECT 1 FROM " + rows + " JOIN " + table + " s ON " + join + ")";
        this.forgetReal = "DELETE FROM " + table + " s USING " + rows + " WHERE " + join + " AND NOT r.estimated";
        this.recordEstimated = "INSERT INTO " + table + " AS s (" + key + ", msg_time) SELECT " + key
                + ", r.msg_time::timestamptz FROM " + rows + " WHERE r.estimated ON CONFLICT (" + key
                + ") DO UPDATE SET msg_time = least(s.msg_time, excluded.msg_time)";
        this.removeResolved = "DELETE FROM " + table + " s WHERE s.msg_time < ? AND NOT EXISTS (SELECT 1 FROM "
                + messages + " m WHERE " + sameKey(columns, "m") + " AND m.msg_time_estimated)";
    }

    private static String sameKey(String[] columns, String alias) {
        StringBuilder same = new StringBuilder();
        for (String column : columns) {
            same.append(same.isEmpty() ? "" : " AND ").append("s.").append(column).append(" = ").append(alias)
                    .append('.').append(column);
        }
        return same.toString();
    }

    /**
     * Locks the batch's identities ({@code lock}, bound to the key arrays), then, when the list names one of them,
     * moves the stored stand-ins ({@code move}, bound to every array) and forgets the real records' entries.
     */
    void lockAndMove(Connection connection, String lock, String move, Array... rows) throws SQLException {
        try (PreparedStatement statement = bound(connection, lock, Arrays.copyOf(rows, rows.length - 2))) {
            statement.execute();
        }
        if (!anyAmong(connection, rows)) {
            return;
        }
        try (PreparedStatement statement = bound(connection, move, rows)) {
            statement.executeUpdate();
        }
        forgetReal(connection, rows);
    }

    /**
     * Whether any message of the batch may have a stand-in stored. {@code rows}: the key arrays, then the batch's
     * msg_times (ISO-8601 text) and estimated flags.
     */
    private boolean anyAmong(Connection connection, Array... rows) throws SQLException {
        try (PreparedStatement statement = bound(connection, any, rows); ResultSet result = statement.executeQuery()) {
            return result.next() && result.getBoolean(1);
        }
    }

    /** After the moves: the batch's real records have no stand-in left. */
    private void forgetReal(Connection connection, Array... rows) throws SQLException {
        try (PreparedStatement statement = bound(connection, forgetReal, rows)) {
            statement.executeUpdate();
        }
    }

    /** With the upsert: the batch's estimated records, at their earliest estimated time. */
    void recordEstimated(Connection connection, Array... rows) throws SQLException {
        try (PreparedStatement statement = bound(connection, recordEstimated, rows)) {
            statement.executeUpdate();
        }
    }

    /** Entries of both tables older than the cutoff whose stand-in no longer exists (retention); how many went. */
    public static long removeResolvedBefore(Connection connection, Instant cutoff) throws SQLException {
        long removed = 0;
        for (StandIns kind : new StandIns[] { MESSAGE, GROUP_MESSAGE }) {
            try (PreparedStatement statement = connection.prepareStatement(kind.removeResolved)) {
                statement.setTimestamp(1, Timestamp.from(cutoff));
                removed += statement.executeUpdate();
            }
        }
        return removed;
    }

    /**
     * The one-to-one entries naming the user as sender or recipient (erasure; group entries name no user), unless a
     * hold placed meanwhile keeps the user's records.
     */
    public static long eraseAccount(Connection connection, long sdkAppId, String user) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("DELETE FROM message_stand_in WHERE sdk_app_id "
                + "= ? AND (from_account = ? OR to_account = ?) AND NOT " + LegalHolds.ACTIVE_FOR_ACCOUNT.formatted("?"))) {
            statement.setLong(1, sdkAppId);
            statement.setString(2, user);
            statement.setString(3, user);
            statement.setString(4, user);
            return statement.executeUpdate();
        }
    }

    private static PreparedStatement bound(Connection connection, String sql, Array... rows) throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql);
        for (int i = 0; i < rows.length; i++) {
            statement.setArray(i + 1, rows[i]);
        }
        return statement;
    }
}
