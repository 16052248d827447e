package io.msgkey.recorder.retention;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.msgkey.recorder.hold.LegalHolds;
import io.msgkey.recorder.ingest.StandIns;
import io.msgkey.recorder.message.MovedRows;
import io.msgkey.recorder.partition.DayPartition;
import io.msgkey.recorder.partition.StoredColumns;

/**
 * Removes message records older than retention.messages by whole day partitions: the only statements that detach them.
 * Rows of users under an active legal hold are copied back into the table first, where they land in the default
 * partition (no day covers them any more) and the normal search still finds them, with their ids.
 * <p>
 * A day goes in one transaction: it is detached and the held rows moved out, briefly holding the table's lock (DETACH
 * ... CONCURRENTLY is refused beside a default partition), so they are found through the sender and recipient indexes.
 * From that commit on no search, export or write reaches the day: its records are removed. It is then counted; its
 * files go later ({@link DetachedDays#drop}, after the run answered). A detached day left by a run that stopped before
 * its audit entry is recognised by its name and counted by the next run. Old rows in the default partition go in
 * chunks of {@value #CHUNK}. Runs hold the retention lock ({@link RetentionRun}), so two never overlap.
 */
@ApplicationScoped
class MessageRetention {

    static final int CHUNK = 5000;
    private static final Logger LOG = Logger.getLogger(MessageRetention.class);

    /** The columns naming accounts a hold protects, per table (as in subject.SubjectTable). */
    private static final Map<String, List<String>> ACCOUNTS = Map.of("message", List.of("from_account", "to_account"),
            "group_message", List.of("from_account"));
    /** The day's apps, and each with every user under an active hold: {@code held(a, u)}. */
    private static final String HELD_APPS = "WITH RECURSIVE apps(a) AS (SELECT min(sdk_app_id) FROM %s UNION ALL "
            + "SELECT (SELECT min(sdk_app_id) FROM %s WHERE sdk_app_id > a) FROM apps WHERE a IS NOT NULL), "
            + "held(a, u) AS (SELECT a, h.user_account FROM apps, legal_hold h WHERE a IS NOT NULL "
            + "AND h.released_at IS NULL) ";

    /**
     * What a run removed: the days it detached and counted ({@code counted}, reported and then marked with the audit
     * entry) and every detached day left to drop afterwards ({@code detached}: those and any a run before had reported
     * but not dropped).
     */
    record Removed(long messages, long keptForHold, List<String> counted, List<DayPartition> detached) {

        long partitions() {
            return counted.size();
        }
    }

    /** Takes every day past the cutoff out of the tables and counts it; the files stay until {@link DetachedDays#drop}. */
    Removed remove(Connection connection, Instant cutoff) throws SQLException {
        long messages = 0;
        long kept = 0;
        List<String> counted = new ArrayList<>();
        List<DayPartition> detached = new ArrayList<>();
        for (String parent : DayPartition.PARENTS) {
            for (DetachedDays.DayTable day : DetachedDays.of(connection, parent)) {
                if (day.partition().to().isAfter(cutoff)) {
                    continue;
                }
                detached.add(day.partition());
                if (day.removed()) {
                    continue;
                }
                long started = System.nanoTime();
                long keptOfDay = day.attached() ? detach(connection, day.partition()) : 0;
                long detachedAt = System.nanoTime();
                long removed = count(connection, day.partition());
                LOG.infof("retention removed %s: %d messages, %d kept for legal holds; detached in %d ms, counted "
                        + "in %d ms", day.partition().name(), removed, keptOfDay, (detachedAt - started) / 1_000_000,
                        (System.nanoTime() - detachedAt) / 1_000_000);
                kept += keptOfDay;
                messages += removed;
                counted.add(day.partition().name());
            }
            messages += removeFromDefault(connection, parent, cutoff);
        }
        StandIns.removeResolvedBefore(connection, cutoff);
        return new Removed(messages, kept, counted, detached);
    }

    /** Detached, held rows moved back into the table, in one transaction; returns how many were kept. */
    private static long detach(Connection connection, DayPartition day) throws SQLException {
        String parent = day.parent();
        String columns = StoredColumns.of(connection, parent);
        connection.setAutoCommit(false);
        try (Statement statement = connection.createStatement()) {
            // Callbacks and searches wait for this transaction: never long behind another lock.
            statement.execute("SET LOCAL lock_timeout = '10s'");
            statement.execute("ALTER TABLE " + parent + " DETACH PARTITION " + day.name());
            long kept = 0;
            if (anyHold(statement)) {
                // The held rows through the account indexes, never a scan of the whole day under the table's lock.
                statement.execute("SET LOCAL enable_seqscan = off");
                kept = statement.executeUpdate("INSERT INTO " + parent + " (" + columns + ") "
                        + heldRows(day.name(), parent, columns));
                for (String account : ACCOUNTS.get(parent)) {
                    statement.executeUpdate(HELD_APPS.formatted(day.name(), day.name()) + "DELETE FROM " + day.name()
                            + " WHERE (sdk_app_id, " + account + ") IN (SELECT a, u FROM held)");
                }
            }
            connection.commit();
            return kept;
        } catch (SQLException | RuntimeException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(true);
        }
    }

    /**
     * What dropping the detached day removes, exactly: nothing writes to it any more. Counted on its narrowest index
     * (the primary key, 30 MB for 1,000,000 rows against the heap's 159 MB) without parallel workers: an old day is
     * all-visible, so no heap page is read, and the count takes one core, not all of them, from the callbacks beside
     * it. Measured on 1,000,000 rows: 45-100 ms alone (a parallel sequential scan 375-400 ms); under the retention
     * benchmark's load every plan took 270-600 ms.
     */
    private static long count(Connection connection, DayPartition day) throws SQLException {
        connection.setAutoCommit(false);
        try (Statement statement = connection.createStatement()) {
            statement.execute("SET LOCAL enable_seqscan = off");
            statement.execute("SET LOCAL max_parallel_workers_per_gather = 0");
            long count;
            try (ResultSet row = statement.executeQuery("SELECT count(*) FROM " + day.name())) {
                row.next();
                count = row.getLong(1);
            }
            connection.commit();
            return count;
        } catch (SQLException | RuntimeException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(true);
        }
    }

    /** Rows of days no partition covers, and held copies whose hold was released, in short chunks. */
    private static long removeFromDefault(Connection connection, String parent, Instant cutoff) throws SQLException {
        String table = DayPartition.defaultPartition(parent);
        String sql = "DELETE FROM " + table + " WHERE id IN (SELECT id FROM " + table + " d WHERE d.msg_time < ? "
                + "AND NOT (" + held("d", parent) + ") LIMIT " + CHUNK + ")";
        long removed = 0;
        int chunk;
        try (PreparedStatement delete = connection.prepareStatement(sql)) {
            delete.setTimestamp(1, Timestamp.from(cutoff));
            do {
                // each chunk is its own transaction: done again when a row moved out meanwhile (a stand-in promoted)
                chunk = MovedRows.onConnection(delete::executeUpdate);
                removed += chunk;
            } while (chunk == CHUNK);
        }
        return removed;
    }

    private static boolean anyHold(Statement statement) throws SQLException {
        try (ResultSet row = statement.executeQuery("SELECT EXISTS (SELECT 1 FROM legal_hold WHERE released_at IS "
                + "NULL)")) {
            return row.next() && row.getBoolean(1);
        }
    }

    /**
     * The rows of a day naming a held user. The account indexes lead with sdk_app_id, so the day's apps are found
     * first, by a loose scan of that index (one probe per app), and each (app, held user) is then a range scan; UNION
     * keeps a message between two held users once.
     */
    private static String heldRows(String day, String parent, String columns) {
        return HELD_APPS.formatted(day, day) + String.join(" UNION ", ACCOUNTS.get(parent).stream()
                .map(account -> "SELECT " + columns + " FROM " + day + " WHERE (sdk_app_id, " + account
                        + ") IN (SELECT a, u FROM held)")
                .toList());
    }

    /** SQL true for a row of the given table or alias that names a user under an active hold. */
    private static String held(String alias, String parent) {
        return String.join(" OR ", ACCOUNTS.get(parent).stream()
                .map(column -> LegalHolds.ACTIVE_FOR_ACCOUNT.formatted(alias + "." + column)).toList());
    }
}
