package io.msgkey.recorder.testing;

import java.sql.Timestamp;
import java.time.Instant;

import javax.sql.DataSource;

/** Recorded group messages written straight into the table, for tests of what reads them. */
public final class GroupMessages {

    private GroupMessages() {
    }

    /** A message of the group outside any topic, not recalled; returns its id. */
    public static long insert(DataSource dataSource, String groupId, String from, long msgSeq, Instant msgTime) {
        return insert(dataSource, groupId, "", from, msgSeq, msgTime);
    }

    public static long insert(DataSource dataSource, String groupId, String topicId, String from, long msgSeq,
            Instant msgTime) {
        return ((Number) Rows.query(dataSource, """
                INSERT INTO group_message (sdk_app_id, group_id, topic_id, msg_seq, from_account, operator_account,
                    msg_random, msg_time, online_only, group_type, first_seen_at)
                VALUES (1400000000, ?, ?, ?, ?, 'admin', 9, ?, false, 'Public', now()) RETURNING id""", groupId,
                topicId, msgSeq, from, Timestamp.from(msgTime)).get(0).get("id")).longValue();
    }

    /**
     * {@code count} messages of the group and topic from MsgSeq {@code firstSeq} on, one a second from {@code from}
     * on, sent by {@code sender}.
     */
    public static void insertMany(DataSource dataSource, String groupId, String topicId, String sender, long firstSeq,
            int count, Instant from) {
        Rows.execute(dataSource, """
                INSERT INTO group_message (sdk_app_id, group_id, topic_id, msg_seq, from_account, operator_account,
                    msg_random, msg_time, online_only, group_type, first_seen_at)
                SELECT 1400000000, ?, ?, ? + i, ?, 'admin', 9, CAST(? AS timestamptz) + i * interval '1 second',
                    false, 'Public', now()
                FROM generate_series(0, ? - 1) AS i""", groupId, topicId, firstSeq, sender, Timestamp.from(from),
                count);
    }

    public static void markRecalled(DataSource dataSource, long id) {
        Rows.execute(dataSource,
                "UPDATE group_message SET recalled_at = now(), recall_source = 'tencent' WHERE id = ?", id);
    }
}
