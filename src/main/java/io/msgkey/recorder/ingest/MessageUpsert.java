package io.msgkey.recorder.ingest;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;

/**
 * Writes a batch of merged rows in one statement. Arrays bound through {@code unnest} keep the statement the same
 * whatever the batch size, so it is prepared once per connection. Every merge rule is commutative and idempotent:
 * replaying a record, or receiving the after-callback before the before-callback, ends in the same row.
 */
final class MessageUpsert {

    private static final String UPSERT = """
            INSERT INTO message AS m (sdk_app_id, from_account, to_account, msg_key, msg_seq, msg_random, msg_time,
                online_only, client_ip, platform, first_seen_at, seen_before, seen_after, send_result, recalled_at,
                recall_source, recall_reported_at)
            SELECT r.sdk_app_id, r.from_account, r.to_account, r.msg_key, r.msg_seq, r.msg_random,
                coalesce(r.msg_time, r.recalled_at), r.online_only, r.client_ip, r.platform, r.first_seen_at,
                r.seen_before, r.seen_after, r.send_result, r.recalled_at,
                CASE WHEN r.recalled_at IS NOT NULL THEN 'tencent' END, r.recall_reported_at
            FROM unnest(?::bigint[], ?::text[], ?::text[], ?::text[], ?::bigint[], ?::bigint[], ?::timestamptz[],
                ?::boolean[], ?::text[], ?::text[], ?::timestamptz[], ?::boolean[], ?::boolean[], ?::int[],
                ?::timestamptz[], ?::timestamptz[])
                WITH ORDINALITY AS r(sdk_app_id, from_account, to_account, msg_key, msg_seq, msg_random, msg_time,
                online_only, client_ip, platform, first_seen_at, seen_before, seen_after, send_result, recalled_at,
                recall_reported_at, ord)
            ORDER BY r.ord
            ON CONFLICT ON CONSTRAINT message_identity DO UPDATE SET
                msg_seq = coalesce(m.msg_seq, excluded.msg_seq),
                msg_random = coalesce(m.msg_random, excluded.msg_random),
                msg_time = CASE WHEN NOT (m.seen_before OR m.seen_after) AND (excluded.seen_before OR excluded.seen_after)
                    THEN excluded.msg_time ELSE m.msg_time END,
                online_only = coalesce(m.online_only, excluded.online_only),
                client_ip = coalesce(m.client_ip, excluded.client_ip),
                platform = coalesce(m.platform, excluded.platform),
                first_seen_at = least(m.first_seen_at, excluded.first_seen_at),
                seen_before = m.seen_before OR excluded.seen_before,
                seen_after = m.seen_after OR excluded.seen_after,
                send_result = coalesce(m.send_result, excluded.send_result),
                recalled_at = coalesce(m.recalled_at, excluded.recalled_at),
                recall_source = coalesce(m.recall_source, excluded.recall_source),
                recall_reported_at = coalesce(m.recall_reported_at, excluded.recall_reported_at)
            """;

    private MessageUpsert() {
    }

    static void execute(Connection connection, List<MessageRow> rows) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(UPSERT)) {
            int i = 0;
            statement.setArray(++i, array(connection, "int8", rows, row -> row.key().sdkAppId()));
            statement.setArray(++i, array(connection, "text", rows, row -> row.key().from()));
            statement.setArray(++i, array(connection, "text", rows, row -> row.key().to()));
            statement.setArray(++i, array(connection, "text", rows, row -> row.key().msgKey()));
            statement.setArray(++i, array(connection, "int8", rows, MessageRow::msgSeq));
            statement.setArray(++i, array(connection, "int8", rows, MessageRow::msgRandom));
            statement.setArray(++i, timestamps(connection, rows, MessageRow::msgTime));
            statement.setArray(++i, array(connection, "bool", rows, MessageRow::onlineOnly));
            statement.setArray(++i, array(connection, "text", rows, MessageRow::clientIp));
            statement.setArray(++i, array(connection, "text", rows, MessageRow::platform));
            statement.setArray(++i, timestamps(connection, rows, MessageRow::firstSeenAt));
            statement.setArray(++i, array(connection, "bool", rows, MessageRow::seenBefore));
            statement.setArray(++i, array(connection, "bool", rows, MessageRow::seenAfter));
            statement.setArray(++i, array(connection, "int4", rows, MessageRow::sendResult));
            statement.setArray(++i, timestamps(connection, rows, MessageRow::recalledAt));
            statement.setArray(++i, timestamps(connection, rows, MessageRow::recallReportedAt));
            statement.executeUpdate();
        }
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
