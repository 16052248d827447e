package io.msgkey.recorder.recall;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * Tencent's C2C.CallbackAfterMsgWithDraw echo confirms that a recall took effect. The write path calls this in the
 * transaction that records the echoes, with one array per column, after the message rows (the lock order the recall
 * worker also keeps). Items that ended without a recall (skipped, failed) are left alone.
 */
public final class RecallEchoes {

    private static final String CONFIRM = """
            WITH echoed AS (
                SELECT i.id, r.reported_at
                FROM recall_item i
                JOIN message m ON m.id = i.message_id
                JOIN unnest(?::bigint[], ?::text[], ?::text[], ?::text[], ?::timestamptz[])
                    AS r(sdk_app_id, from_account, to_account, msg_key, reported_at)
                  ON m.sdk_app_id = r.sdk_app_id AND m.from_account = r.from_account
                 AND m.to_account = r.to_account AND m.msg_key = r.msg_key
                WHERE i.confirmed_at IS NULL
                  AND (i.outcome IN ('RECALLED', 'ALREADY_RECALLED')
                       OR (i.outcome = 'PENDING' AND i.in_flight_since IS NOT NULL))
                ORDER BY i.id
                FOR UPDATE OF i)
            UPDATE recall_item i SET confirmed_at = echoed.reported_at FROM echoed WHERE i.id = echoed.id
            """;

    private RecallEchoes() {
    }

    public static void confirm(Connection connection, Array sdkAppIds, Array senders, Array recipients, Array msgKeys,
            Array reportedAt) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(CONFIRM)) {
            statement.setArray(1, sdkAppIds);
            statement.setArray(2, senders);
            statement.setArray(3, recipients);
            statement.setArray(4, msgKeys);
            statement.setArray(5, reportedAt);
            statement.executeUpdate();
        }
    }
}
