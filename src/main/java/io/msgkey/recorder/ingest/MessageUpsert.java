package io.msgkey.recorder.ingest;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

import io.msgkey.recorder.message.IdentityLock;
import io.msgkey.recorder.message.MessageKey;

/**
 * Writes a batch of merged rows in one statement. Arrays bound through {@code unnest} keep the statement the same
 * whatever the batch size, so it is prepared once per connection. Every merge rule is commutative and idempotent:
 * replaying a record, or receiving the after-callback before the before-callback, ends in the same row.
 */
final class MessageUpsert {

    private static final String UPSERT_TEMPLATE = """
            INSERT INTO message AS m (sdk_app_id, from_account, to_account, msg_key, msg_seq, msg_random, msg_time,
                msg_time_estimated, online_only, client_ip, platform, first_seen_at, seen_before, seen_after,
                send_result, recalled_at, recall_source, recall_reported_at, source)
            SELECT r.sdk_app_id, r.from_account, r.to_account, r.msg_key, r.msg_seq, r.msg_random,
                %s
                r.msg_time_estimated, r.online_only, r.client_ip, r.platform, r.first_seen_at, r.seen_before,
                r.seen_after, r.send_result, r.recalled_at, CASE WHEN r.recalled_at IS NOT NULL THEN 'tencent' END,
                r.recall_reported_at, r.source
            FROM unnest(?::bigint[], ?::text[], ?::text[], ?::text[], ?::bigint[], ?::bigint[], ?::timestamptz[],
                ?::boolean[], ?::boolean[], ?::text[], ?::text[], ?::timestamptz[], ?::boolean[], ?::boolean[],
                ?::int[], ?::timestamptz[], ?::timestamptz[], ?::text[])
                WITH ORDINALITY AS r(sdk_app_id, from_account, to_account, msg_key, msg_seq, msg_random, msg_time,
                msg_time_estimated, online_only, client_ip, platform, first_seen_at, seen_before, seen_after,
                send_result, recalled_at, recall_reported_at, source, ord)
            ORDER BY r.ord
            ON CONFLICT ON CONSTRAINT message_identity DO UPDATE SET
                msg_seq = coalesce(m.msg_seq, excluded.msg_seq),
                msg_random = coalesce(m.msg_random, excluded.msg_random),
                msg_time = CASE WHEN m.msg_time_estimated = excluded.msg_time_estimated
                                THEN least(m.msg_time, excluded.msg_time)
                                WHEN m.msg_time_estimated THEN excluded.msg_time
                                ELSE m.msg_time END,
                msg_time_estimated = m.msg_time_estimated AND excluded.msg_time_estimated,
                online_only = coalesce(m.online_only, excluded.online_only),
                client_ip = coalesce(m.client_ip, excluded.client_ip),
                platform = coalesce(m.platform, excluded.platform),
                first_seen_at = least(m.first_seen_at, excluded.first_seen_at),
                seen_before = m.seen_before OR excluded.seen_before,
                seen_after = m.seen_after OR excluded.seen_after,
                send_result = coalesce(m.send_result, excluded.send_result),
                recalled_at = coalesce(m.recalled_at, excluded.recalled_at),
                recall_source = coalesce(m.recall_source, excluded.recall_source),
                recall_reported_at = coalesce(m.recall_reported_at, excluded.recall_reported_at),
                source = CASE WHEN (excluded.first_seen_at, excluded.source) < (m.first_seen_at, m.source)
                              THEN excluded.source ELSE m.source END
            """;
    /**
     * A batch of real records takes their MsgTime; only estimated records look for a stored row whose time to take,
     * a subquery that reaches every day partition, so it is planned only for the batches that need it.
     */
    private static final String UPSERT = UPSERT_TEMPLATE.formatted("r.msg_time,");
    private static final String UPSERT_WITH_LOOKUP = UPSERT_TEMPLATE.formatted("""
            CASE WHEN r.msg_time_estimated THEN coalesce((SELECT s.msg_time FROM message s
            WHERE s.sdk_app_id = r.sdk_app_id AND s.from_account = r.from_account
            AND s.to_account = r.to_account AND s.msg_key = r.msg_key LIMIT 1), r.msg_time)
            ELSE r.msg_time END,""");
    /** Locks the batch's identities ({@link IdentityLock}), so that no other batch writes or moves them meanwhile. */
    private static final String LOCK = IdentityLock.lockAll("SELECT " + IdentityLock.messageKey("r")
            + " AS k FROM unnest(?::bigint[], ?::text[], ?::text[], ?::text[]) AS r(sdk_app_id, from_account, "
            + "to_account, msg_key)");
    /**
     * Moves stored stand-ins to the time the batch brings: the real MsgTime, or an earlier stand-in (the earliest
     * stand-in wins, as in the merge). The row keeps its id in its new day's partition, so recall items still name it,
     * and the upsert then finds it under the batch's msg_time. A stand-in time is never earlier than the real send
     * (it is the time of a recall or an import), give or take clock skew: the one-day bound spares the older days'
     * partitions.
     */
    private static final String MOVE_STAND_INS = """
            UPDATE message m SET msg_time = r.msg_time
            FROM unnest(?::bigint[], ?::text[], ?::text[], ?::text[], ?::timestamptz[], ?::boolean[])
                AS r(sdk_app_id, from_account, to_account, msg_key, msg_time, estimated)
            WHERE m.sdk_app_id = r.sdk_app_id AND m.from_account = r.from_account AND m.to_account = r.to_account
              AND m.msg_key = r.msg_key AND m.msg_time_estimated AND m.msg_time >= r.msg_time - interval '1 day'
              AND (m.msg_time <> r.msg_time AND NOT r.estimated OR m.msg_time > r.msg_time AND r.estimated)
            """;
    /**
     * The batch's messages the table already holds. Exact under concurrency because the batch's identities are
     * locked by then: another writer of one of them has committed before (and is seen) or waits. (A partitioned table
     * has no xmax to tell an insert from an update in RETURNING.)
     */
    private static final String KNOWN = """
            SELECT r.sdk_app_id, r.from_account, r.to_account, r.msg_key
            FROM unnest(?::bigint[], ?::text[], ?::text[], ?::text[]) AS r(sdk_app_id, from_account, to_account, msg_key)
            WHERE EXISTS (SELECT 1 FROM message s WHERE s.sdk_app_id = r.sdk_app_id AND s.from_account = r.from_account
                          AND s.to_account = r.to_account AND s.msg_key = r.msg_key)""";

    private MessageUpsert() {
    }

    static void execute(Connection connection, List<MessageRow> rows) throws SQLException {
        java.sql.Array[] batch = prepare(connection, rows);
        upsert(connection, rows, batch);
    }

    /** Writes the rows and returns the keys of the messages that were new to the table. */
    static Set<MessageKey> executeReportingInserted(Connection connection, List<MessageRow> rows)
            throws SQLException {
        java.sql.Array[] batch = prepare(connection, rows);
        Set<MessageKey> inserted = new HashSet<>(rows.stream().map(MessageRow::key).toList());
        try (PreparedStatement known = connection.prepareStatement(KNOWN)) {
            int i = 0;
            known.setArray(++i, array(connection, "int8", rows, row -> row.key().sdkAppId()));
            known.setArray(++i, array(connection, "text", rows, row -> row.key().from()));
            known.setArray(++i, array(connection, "text", rows, row -> row.key().to()));
            known.setArray(++i, array(connection, "text", rows, row -> row.key().msgKey()));
            try (ResultSet result = known.executeQuery()) {
                while (result.next()) {
                    inserted.remove(new MessageKey(result.getLong(1), result.getString(2), result.getString(3),
                            result.getString(4)));
                }
            }
        }
        upsert(connection, rows, batch);
        return inserted;
    }

    private static void upsert(Connection connection, List<MessageRow> rows, java.sql.Array[] batch)
            throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                rows.stream().anyMatch(MessageRow::msgTimeEstimated) ? UPSERT_WITH_LOOKUP : UPSERT)) {
            bind(connection, statement, rows);
            statement.executeUpdate();
        }
        if (rows.stream().anyMatch(MessageRow::msgTimeEstimated)) {
            StandIns.MESSAGE.recordEstimated(connection, batch);
        }
    }

    /**
     * The unique key holds msg_time (a partitioned table's must), so before the upsert each stored row of the batch's
     * messages is brought to the time the upsert will give it: locks, then stand-ins moved here, then a stand-in
     * record takes the stored row's time in the upsert itself. ON CONFLICT then never changes msg_time.
     */
    private static java.sql.Array[] prepare(Connection connection, List<MessageRow> rows) throws SQLException {
        java.sql.Array[] batch = { array(connection, "int8", rows, row -> row.key().sdkAppId()),
                array(connection, "text", rows, row -> row.key().from()),
                array(connection, "text", rows, row -> row.key().to()),
                array(connection, "text", rows, row -> row.key().msgKey()), timestamps(connection, rows, MessageRow::msgTime),
                array(connection, "bool", rows, MessageRow::msgTimeEstimated) };
        StandIns.MESSAGE.lockAndMove(connection, LOCK, MOVE_STAND_INS, batch);
        return batch;
    }

    private static void bind(Connection connection, PreparedStatement statement, List<MessageRow> rows)
            throws SQLException {
        int i = 0;
        statement.setArray(++i, array(connection, "int8", rows, row -> row.key().sdkAppId()));
        statement.setArray(++i, array(connection, "text", rows, row -> row.key().from()));
        statement.setArray(++i, array(connection, "text", rows, row -> row.key().to()));
        statement.setArray(++i, array(connection, "text", rows, row -> row.key().msgKey()));
        statement.setArray(++i, array(connection, "int8", rows, MessageRow::msgSeq));
        statement.setArray(++i, array(connection, "int8", rows, MessageRow::msgRandom));
        statement.setArray(++i, timestamps(connection, rows, MessageRow::msgTime));
        statement.setArray(++i, array(connection, "bool", rows, MessageRow::msgTimeEstimated));
        statement.setArray(++i, array(connection, "bool", rows, MessageRow::onlineOnly));
        statement.setArray(++i, array(connection, "text", rows, MessageRow::clientIp));
        statement.setArray(++i, array(connection, "text", rows, MessageRow::platform));
        statement.setArray(++i, timestamps(connection, rows, MessageRow::firstSeenAt));
        statement.setArray(++i, array(connection, "bool", rows, MessageRow::seenBefore));
        statement.setArray(++i, array(connection, "bool", rows, MessageRow::seenAfter));
        statement.setArray(++i, array(connection, "int4", rows, MessageRow::sendResult));
        statement.setArray(++i, timestamps(connection, rows, MessageRow::recalledAt));
        statement.setArray(++i, timestamps(connection, rows, MessageRow::recallReportedAt));
        statement.setArray(++i, array(connection, "text", rows, row -> row.source().wireName()));
    }

    private static java.sql.Array array(Connection connection, String type, List<MessageRow> rows,
            Function<MessageRow, Object> column) throws SQLException {
        return connection.createArrayOf(type, rows.stream().map(column).toArray());
    }

    /** ISO-8601 text, cast by PostgreSQL: exact to the microsecond and independent of the JVM's time zone. */
    private static java.sql.Array timestamps(Connection connection, List<MessageRow> rows,
            Function<MessageRow, Instant> column) throws SQLException {
        return array(connection, "text", rows, row -> {
            Instant value = column.apply(row);
            return value == null ? null : value.toString();
        });
    }
}
