package io.msgkey.recorder.retention;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import org.jboss.logging.Logger;

import io.msgkey.recorder.partition.DayPartition;

/**
 * The day tables of the message tables as the catalog shows them, and the only statements that mark and drop detached
 * ones. A day a run detached and counted is marked, by a comment on the table, in the transaction that writes the run's
 * audit entry: a marked table's records are removed and reported, only its files remain. A detached table without the
 * mark was left by a run that stopped before its audit entry, so the next run counts and reports it.
 */
final class DetachedDays {

    /** The comment on a detached day table whose records a committed audit entry reports as removed. */
    static final String REMOVED = "msgkey retention: records removed and audited; the table is dropped";
    private static final Logger LOG = Logger.getLogger(DetachedDays.class);
    private static final String DAY_TABLES = """
            SELECT c.relname, EXISTS (SELECT 1 FROM pg_inherits i WHERE i.inhrelid = c.oid) AS attached,
                   obj_description(c.oid, 'pg_class') IS NOT DISTINCT FROM ? AS removed
            FROM pg_class c WHERE c.relkind = 'r' AND c.relnamespace = current_schema()::regnamespace
              AND c.relname LIKE ? ORDER BY c.relname""";

    private DetachedDays() {
    }

    record DayTable(DayPartition partition, boolean attached, boolean removed) {
    }

    static List<DayTable> of(Connection connection, String parent) throws SQLException {
        List<DayTable> days = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(DAY_TABLES)) {
            statement.setString(1, REMOVED);
            statement.setString(2, parent + "\\_p%");
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    boolean attached = rows.getBoolean(2);
                    boolean removed = rows.getBoolean(3);
                    DayPartition.parse(parent, rows.getString(1))
                            .ifPresent(day -> days.add(new DayTable(day, attached, removed)));
                }
            }
        }
        return days;
    }

    /** The names of the day tables detached and not yet dropped, of both message tables. */
    static List<String> detached(Connection connection) throws SQLException {
        List<String> names = new ArrayList<>();
        for (String parent : DayPartition.PARENTS) {
            of(connection, parent).stream().filter(day -> !day.attached()).forEach(day -> names.add(day.partition()
                    .name()));
        }
        return names;
    }

    /** Marks the days whose records the caller's transaction reports as removed (COMMENT is transactional). */
    static void markRemoved(Connection connection, List<String> names) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            for (String name : names) {
                statement.execute("COMMENT ON TABLE " + name + " IS '" + REMOVED + "'");
            }
        }
    }

    /**
     * Drops a detached day. Nothing but retention touches a detached table, yet a lock on one (an operator's session)
     * must not hold the retention lock for ever: the drop gives up after a minute and the next run drops it.
     */
    static void drop(Connection connection, DayPartition day) throws SQLException {
        long started = System.nanoTime();
        connection.setAutoCommit(false);
        try (Statement statement = connection.createStatement()) {
            statement.execute("SET LOCAL lock_timeout = '1min'");
            statement.execute("DROP TABLE IF EXISTS " + day.name());
            connection.commit();
        } catch (SQLException | RuntimeException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(true);
        }
        // Dropping a big day is mostly the file system freeing its files at commit (slow where it is mounted with
        // online discard): operators see it here.
        LOG.infof("retention dropped %s in %d ms", day.name(), (System.nanoTime() - started) / 1_000_000);
    }
}
