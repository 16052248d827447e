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
 * Removes message records older than retention.messages by whole day partitions: the only statements that detach or
 * drop them. Rows of users under an active legal hold are copied back into the table first, where they land in the
 * default partition (no day covers them any more) and the normal search still finds them, with their ids.
 * <p>
 * A day goes in two transactions: A detaches it and moves the held rows out, briefly holding the table's lock (DETACH
 * ... CONCURRENTLY is refused beside a default partition), so it finds them through the sender and recipient indexes;
 * B drops the detached table, once counted. A run that crashed between them leaves a detached day table, which the next
 * run recognises by its name and drops. Old rows in the default partition go in chunks of {@value #CHUNK}. Runs hold
 * the retention lock ({@link RetentionRun}), so two never overlap.
 */
@ApplicationScoped
class MessageRetention {

    static final int CHUNK = 5000;
    private static final Logger LOG = Logger.getLogger(MessageRetention.class);

    /** The columns naming accounts a hold protects, per table (as in subject.SubjectTable). */
    private static final Map<String, List<String>> ACCOUNTS = Map.of("message", List.of("from_account", "to_account"),
            "group_message", List.of("from_account"));
    private static final String DAY_TABLES = """
            SELECT c.relname, EXISTS (SELECT 1 FROM pg_inherits i WHERE i.inhrelid = c.oid) AS attached
            FROM pg_class c WHERE c.relkind = 'r' AND c.relnamespace = current_schema()::regnamespace
              AND c.relname LIKE ? ORDER BY c.relname""";

    /** The day's apps, and each with every user under an active hold: {@code held(a, u)}. */
    private static final String HELD_APPS = "WITH RECURSIVE apps(a) AS (SELECT min(sdk_app_id) FROM %s UNION ALL "
            + "SELECT (SELECT min(sdk_app_id) FROM %s WHERE sdk_app_id > a) FROM apps WHERE a IS NOT NULL), "
            + "held(a, u) AS (SELECT a, h.user_account FROM apps, legal_hold h WHERE a IS NOT NULL "
            + "AND h.released_at IS NULL) ";

    record Removed(long partitions, long messages, long keptForHold) {
    }

    Removed remove(Connection connection, Instant cutoff) throws SQLException {
        long partitions = 0;
        long messages = 0;
        long kept = 0;
        for (String parent : DayPartition.PARENTS) {
            for (DayTable day : dayTables(connection, parent)) {
                if (day.partition().to().isAfter(cutoff)) {
                    continue;
                }
                long started = System.nanoTime();
                long keptOfDay = day.attached() ? detach(connection, day.partition()) : 0;
                long detached = System.nanoTime();
                long removed = count(connection, day.partition());
                long counted = System.nanoTime();
                drop(connection, day.partition());
                // Operators see where a slow run spent its time: dropping a big day is mostly the file system
                // freeing its files at commit (slow where it is mounted with online discard).
                LOG.infof("retention removed %s: %d messages, %d kept for legal holds; detached in %d ms, counted "
                        + "in %d ms, dropped in %d ms", day.partition().name(), removed, keptOfDay,
                        (detached - started) / 1_000_000, (counted - detached) / 1_000_000,
                        (System.nanoTime() - counted) / 1_000_000);
                kept += keptOfDay;
                messages += removed;
                partitions++;
            }
            messages += removeFromDefault(connection, parent, cutoff);
        }
        StandIns.removeResolvedBefore(connection, cutoff);
        return new Removed(partitions, messages, kept);
    }

    private record DayTable(DayPartition partition, boolean attached) {
    }

    private static List<DayTable> dayTables(Connection connection, String parent) throws SQLException {
        List<DayTable> days = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(DAY_TABLES)) {
            statement.setString(1, parent + "\\_p%");
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    boolean attached = rows.getBoolean(2);
                    DayPartition.parse(parent, rows.getString(1))
                            .ifPresent(day -> days.add(new DayTable(day, attached)));
                }
            }
        }
        return days;
    }

    /** Transaction A: detached, held rows moved back into the table; returns how many were kept. */
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

    /** What dropping the detached day removes. */
    private static long count(Connection connection, DayPartition day) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet count = statement.executeQuery("SELECT count(*) FROM " + day.name())) {
            count.next();
            return count.getLong(1);
        }
    }

    /** Transaction B: the detached day dropped. */
    private static void drop(Connection connection, DayPartition day) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("DROP TABLE " + day.name());
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
