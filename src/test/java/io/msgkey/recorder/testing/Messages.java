package io.msgkey.recorder.testing;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;

import javax.sql.DataSource;

/** Recorded messages written straight into the table, for tests of what reads them. */
public final class Messages {

    private Messages() {
    }

    /** A name no other test uses, so each test sees only its own rows. */
    public static String unique(String name) {
        return name + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** A delivered, not recalled message; returns its id. */
    public static long insert(DataSource dataSource, String from, String to, String msgKey, Instant msgTime) {
        return insert(dataSource, from, to, msgKey, msgTime, 0);
    }

    public static long insert(DataSource dataSource, String from, String to, String msgKey, Instant msgTime,
            int sendResult) {
        return ((Number) Rows.query(dataSource, """
                INSERT INTO message (sdk_app_id, from_account, to_account, msg_key, msg_seq, msg_random, msg_time,
                    online_only, first_seen_at, seen_before, seen_after, send_result)
                VALUES (1400000000, ?, ?, ?, 1, 2, ?, false, now(), true, true, ?) RETURNING id""", from, to, msgKey,
                Timestamp.from(msgTime), sendResult).get(0).get("id")).longValue();
    }

    public static void markRecalled(DataSource dataSource, long id) {
        Rows.execute(dataSource, "UPDATE message SET recalled_at = now(), recall_source = 'tencent' WHERE id = ?", id);
    }
}
