package io.msgkey.recorder.message;

/**
 * The PostgreSQL advisory lock of one message's identity, for as long as the transaction runs. The message tables are
 * partitioned by msg_time, so their unique keys hold msg_time and no longer make two writers of one message wait for
 * each other while a stand-in time is being replaced: the write path (ingest.MessageUpsert, GroupMessageUpsert) takes
 * it for every identity of a batch before it moves or upserts rows. Locks are taken in key order, one-to-one before
 * group, so no two batches wait on each other in a cycle. Recall marks, erasure and retention do not take it.
 */
public final class IdentityLock {

    /** The lock key of a one-to-one message, over the SQL expressions of sdk_app_id, from, to and MsgKey. */
    public static final String MESSAGE_KEY = "hashtextextended(ARRAY[%s::text, %s, %s, %s]::text, 1)";
    /** The lock key of a group message, over sdk_app_id, group, topic and MsgSeq. */
    public static final String GROUP_KEY = "hashtextextended(ARRAY[%s::text, %s, %s, %s::text]::text, 2)";

    private IdentityLock() {
    }

    /** A statement locking every key the query {@code keys} (one column, {@code k}) returns, in key order. */
    public static String lockAll(String keys) {
        return "SELECT count(*) FROM (SELECT pg_advisory_xact_lock(k) FROM (SELECT DISTINCT k FROM (" + keys
                + ") q) d ORDER BY k) l";
    }

    /** The lock key of the one-to-one message in the row of that alias. */
    public static String messageKey(String alias) {
        return MESSAGE_KEY.formatted(alias + ".sdk_app_id", alias + ".from_account", alias + ".to_account",
                alias + ".msg_key");
    }

    /** The lock key of the group message in the row of that alias. */
    public static String groupKey(String alias) {
        return GROUP_KEY.formatted(alias + ".sdk_app_id", alias + ".group_id", alias + ".topic_id",
                alias + ".msg_seq");
    }
}
