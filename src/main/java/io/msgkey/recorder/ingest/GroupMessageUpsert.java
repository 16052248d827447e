package io.msgkey.recorder.ingest;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;

import io.msgkey.recorder.message.IdentityLock;

/**
 * Writes a batch of merged group rows in one statement, bound through {@code unnest} like {@link MessageUpsert}, with
 * the same commutative, idempotent merge rules: a recall echo before the send callback, a duplicate delivery or a
 * replay end in the same row.
 */
final class GroupMessageUpsert {

    private static final String UPSERT_TEMPLATE = """
            INSERT INTO group_message AS g (sdk_app_id, group_id, topic_id, msg_seq, from_account, operator_account,
                msg_random, msg_time, msg_time_estimated, online_only, group_type, client_ip, platform, first_seen_at,
                recalled_at, recall_source, recalled_by, recall_reported_at, source)
            SELECT r.sdk_app_id, r.group_id, r.topic_id, r.msg_seq, r.from_account, r.operator_account, r.msg_random,
                %s
                r.msg_time_estimated, r.online_only, r.group_type, r.client_ip, r.platform,
                r.first_seen_at, r.recalled_at, CASE WHEN r.recalled_at IS NOT NULL THEN 'tencent' END, r.recalled_by,
                r.recall_reported_at, r.source
            FROM unnest(?::bigint[], ?::text[], ?::text[], ?::bigint[], ?::text[], ?::text[], ?::bigint[],
                ?::timestamptz[], ?::boolean[], ?::boolean[], ?::text[], ?::text[], ?::text[], ?::timestamptz[],
                ?::timestamptz[], ?::text[], ?::timestamptz[], ?::text[])
                WITH ORDINALITY AS r(sdk_app_id, group_id, topic_id, msg_seq, from_account, operator_account,
                msg_random, msg_time, msg_time_estimated, online_only, group_type, client_ip, platform, first_seen_at,
                recalled_at, recalled_by, recall_reported_at, source, ord)
            ORDER BY r.ord
            ON CONFLICT ON CONSTRAINT group_message_identity DO UPDATE SET
                from_account = coalesce(g.from_account, excluded.from_account),
                operator_account = coalesce(g.operator_account, excluded.operator_account),
                msg_random = coalesce(g.msg_random, excluded.msg_random),
                msg_time = CASE WHEN g.msg_time_estimated = excluded.msg_time_estimated
                                THEN least(g.msg_time, excluded.msg_time)
                                WHEN g.msg_time_estimated THEN excluded.msg_time
                                ELSE g.msg_time END,
                msg_time_estimated = g.msg_time_estimated AND excluded.msg_time_estimated,
                online_only = coalesce(g.online_only, excluded.online_only),
                group_type = coalesce(g.group_type, excluded.group_type),
                client_ip = coalesce(g.client_ip, excluded.client_ip),
                platform = coalesce(g.platform, excluded.platform),
                first_seen_at = least(g.first_seen_at, excluded.first_seen_at),
                recalled_at = coalesce(g.recalled_at, excluded.recalled_at),
                recall_source = coalesce(g.recall_source, excluded.recall_source),
                recalled_by = coalesce(g.recalled_by, excluded.recalled_by),
                recall_reported_at = coalesce(g.recall_reported_at, excluded.recall_reported_at),
                source = CASE WHEN (excluded.first_seen_at, excluded.source) < (g.first_seen_at, g.source)
                              THEN excluded.source ELSE g.source END
            """;
    /**
     * A batch of real records takes their MsgTime; only estimated records look for a stored row whose time to take,
     * a subquery that reaches every day partition, so it is planned only for the batches that need it.
     */
    private static final String UPSERT = UPSERT_TEMPLATE.formatted("r.msg_time,");
    private static final String UPSERT_WITH_LOOKUP = UPSERT_TEMPLATE.formatted("""
            CASE WHEN r.msg_time_estimated THEN coalesce((SELECT s.msg_time FROM group_message s
            WHERE s.sdk_app_id = r.sdk_app_id AND s.group_id = r.group_id AND s.topic_id = r.topic_id
            AND s.msg_seq = r.msg_seq LIMIT 1), r.msg_time)
            ELSE r.msg_time END,""");

    /** As {@link MessageUpsert}'s: the batch's identities, locked in key order. */
    private static final String LOCK = IdentityLock.lockAll("SELECT " + IdentityLock.groupKey("r")
            + " AS k FROM unnest(?::bigint[], ?::text[], ?::text[], ?::bigint[]) AS r(sdk_app_id, group_id, topic_id, "
            + "msg_seq)");
    /** As {@link MessageUpsert}'s: stored stand-ins moved to the real MsgTime or an earlier stand-in. */
    private static final String MOVE_STAND_INS = """
            UPDATE group_message g SET msg_time = r.msg_time
            FROM unnest(?::bigint[], ?::text[], ?::text[], ?::bigint[], ?::timestamptz[], ?::boolean[])
                AS r(sdk_app_id, group_id, topic_id, msg_seq, msg_time, estimated)
            WHERE g.sdk_app_id = r.sdk_app_id AND g.group_id = r.group_id AND g.topic_id = r.topic_id
              AND g.msg_seq = r.msg_seq AND g.msg_time_estimated AND g.msg_time >= r.msg_time - interval '1 day'
              AND (g.msg_time <> r.msg_time AND NOT r.estimated OR g.msg_time > r.msg_time AND r.estimated)
            """;

    private GroupMessageUpsert() {
    }

    static void execute(Connection connection, List<GroupMessageRow> rows) throws SQLException {
        java.sql.Array[] batch = prepare(connection, rows);
        try (PreparedStatement statement = connection.prepareStatement(
                rows.stream().anyMatch(GroupMessageRow::msgTimeEstimated) ? UPSERT_WITH_LOOKUP : UPSERT)) {
            int i = 0;
            statement.setArray(++i, array(connection, "int8", rows, row -> row.key().sdkAppId()));
            statement.setArray(++i, array(connection, "text", rows, row -> row.key().groupId()));
            statement.setArray(++i, array(connection, "text", rows, row -> row.key().topicId()));
            statement.setArray(++i, array(connection, "int8", rows, row -> row.key().msgSeq()));
            statement.setArray(++i, array(connection, "text", rows, GroupMessageRow::from));
            statement.setArray(++i, array(connection, "text", rows, GroupMessageRow::operator));
            statement.setArray(++i, array(connection, "int8", rows, GroupMessageRow::msgRandom));
            statement.setArray(++i, timestamps(connection, rows, GroupMessageRow::msgTime));
            statement.setArray(++i, array(connection, "bool", rows, GroupMessageRow::msgTimeEstimated));
            statement.setArray(++i, array(connection, "bool", rows, GroupMessageRow::onlineOnly));
            statement.setArray(++i, array(connection, "text", rows, GroupMessageRow::groupType));
            statement.setArray(++i, array(connection, "text", rows, GroupMessageRow::clientIp));
            statement.setArray(++i, array(connection, "text", rows, GroupMessageRow::platform));
            statement.setArray(++i, timestamps(connection, rows, GroupMessageRow::firstSeenAt));
            statement.setArray(++i, timestamps(connection, rows, GroupMessageRow::recalledAt));
            statement.setArray(++i, array(connection, "text", rows, GroupMessageRow::recalledBy));
            statement.setArray(++i, timestamps(connection, rows, GroupMessageRow::recallReportedAt));
            statement.setArray(++i, array(connection, "text", rows, row -> row.source().wireName()));
            statement.executeUpdate();
        }
        if (rows.stream().anyMatch(GroupMessageRow::msgTimeEstimated)) {
            StandIns.GROUP_MESSAGE.recordEstimated(connection, batch);
        }
    }

    /** Brings stored rows to the time the upsert gives them, as {@link MessageUpsert} does. */
    private static java.sql.Array[] prepare(Connection connection, List<GroupMessageRow> rows) throws SQLException {
        java.sql.Array[] batch = { array(connection, "int8", rows, row -> row.key().sdkAppId()),
                array(connection, "text", rows, row -> row.key().groupId()),
                array(connection, "text", rows, row -> row.key().topicId()),
                array(connection, "int8", rows, row -> row.key().msgSeq()),
                timestamps(connection, rows, GroupMessageRow::msgTime),
                array(connection, "bool", rows, GroupMessageRow::msgTimeEstimated) };
        StandIns.GROUP_MESSAGE.lockAndMove(connection, LOCK, MOVE_STAND_INS, batch);
        return batch;
    }

    private static java.sql.Array array(Connection connection, String type, List<GroupMessageRow> rows,
            Function<GroupMessageRow, Object> column) throws SQLException {
        return connection.createArrayOf(type, rows.stream().map(column).toArray());
    }

    /** ISO-8601 text, cast by PostgreSQL, as in {@link MessageUpsert}. */
    private static java.sql.Array timestamps(Connection connection, List<GroupMessageRow> rows,
            Function<GroupMessageRow, Instant> column) throws SQLException {
        return array(connection, "text", rows, row -> {
            Instant value = column.apply(row);
            return value == null ? null : value.toString();
        });
    }
}
