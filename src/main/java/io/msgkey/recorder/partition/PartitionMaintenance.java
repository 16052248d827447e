package io.msgkey.recorder.partition;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.agroal.api.AgroalDataSource;
import io.msgkey.recorder.message.MovedRows;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.scheduler.Scheduled.ConcurrentExecution;

/**
 * Keeps day partitions of the message tables ready from today to {@code partitions.ahead} days ahead (UTC), at
 * start-up and every {@code partitions.schedule}, with plain DDL (no extension, so any managed PostgreSQL will do).
 * A run holds a PostgreSQL advisory lock, so instances never race; a run that finds it held skips.
 * <p>
 * Each missing day is one short transaction: the table is created outside the partitioning, the day's rows are moved
 * into it from the default partition, and it is attached. {@code CREATE TABLE ... PARTITION OF} would lock the
 * parent against every reader and writer, and fail while the default partition holds rows of that day; ATTACH takes
 * a lock that lets searches and inserts through the other partitions go on (it does lock the default partition while
 * it checks that none of the day's rows are left there).
 */
@ApplicationScoped
public class PartitionMaintenance {

    /** "msgkpar1": the advisory lock key of partition runs. */
    static final long LOCK_KEY = 0x6d73676b70617231L;
    private static final Logger LOG = Logger.getLogger(PartitionMaintenance.class);
    private static final String ATTACHED = """
            SELECT EXISTS (SELECT 1 FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
                           WHERE i.inhparent = ?::regclass AND c.relname = ?)""";

    private final AgroalDataSource dataSource;
    private final PartitionConfig config;
    private final Clock clock;

    PartitionMaintenance(AgroalDataSource dataSource, PartitionConfig config, Clock clock) {
        this.dataSource = dataSource;
        this.config = config;
        this.clock = clock;
    }

    void atStart(@Observes StartupEvent event) {
        scheduled();
    }

    @Scheduled(every = "${partitions.schedule}", concurrentExecution = ConcurrentExecution.SKIP)
    void scheduled() {
        try {
            int created = ensureAhead();
            if (created > 0) {
                LOG.infof("created %d day partitions of the message tables", created);
            }
        } catch (SQLException | RuntimeException e) {
            LOG.warnf("could not create the message tables' partitions ahead; the next run tries again (until then "
                    + "messages of days without a partition are kept in the default partition): %s", e.toString());
        }
    }

    /** Creates the missing days from today to today + ahead; returns how many it created (0 while another runs). */
    public int ensureAhead() throws SQLException {
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        return ensure(today, today.plusDays(Math.max(1, config.ahead().toDays())));
    }

    /** Creates the missing days from first to last, both included. */
    int ensure(LocalDate first, LocalDate last) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(true);
            if (!advisory(connection, "pg_try_advisory_lock")) {
                return 0;
            }
            try {
                int created = 0;
                for (String parent : DayPartition.PARENTS) {
                    String columns = StoredColumns.of(connection, parent);
                    for (LocalDate day = first; !day.isAfter(last); day = day.plusDays(1)) {
                        DayPartition partition = new DayPartition(parent, day);
                        if (!attached(connection, partition)) {
                            // the move out of the default partition meets a stand-in the write path moves meanwhile
                            MovedRows.onConnection(() -> {
                                create(connection, partition, columns);
                                return null;
                            });
                            created++;
                        }
                    }
                }
                return created;
            } finally {
                advisory(connection, "pg_advisory_unlock");
            }
        }
    }

    private static void create(Connection connection, DayPartition partition, String columns) throws SQLException {
        String name = partition.name();
        String bounds = "FOR VALUES FROM ('" + partition.from() + "') TO ('" + partition.to() + "')";
        connection.setAutoCommit(false);
        try (Statement statement = connection.createStatement()) {
            // Waits behind a long search at most this long, and the next run tries again, rather than queueing every
            // writer behind it.
            statement.execute("SET LOCAL lock_timeout = '5s'");
            statement.execute("CREATE TABLE IF NOT EXISTS " + name + " (LIKE " + partition.parent()
                    + " INCLUDING DEFAULTS INCLUDING GENERATED INCLUDING CONSTRAINTS)");
            int moved = statement.executeUpdate("WITH moved AS (DELETE FROM "
                    + DayPartition.defaultPartition(partition.parent()) + " WHERE msg_time >= '" + partition.from()
                    + "' AND msg_time < '" + partition.to() + "' RETURNING " + columns + ") INSERT INTO " + name
                    + " (" + columns + ") SELECT " + columns + " FROM moved");
            statement.execute("ALTER TABLE " + partition.parent() + " ATTACH PARTITION " + name + " " + bounds);
            connection.commit();
            if (moved > 0) {
                LOG.infof("moved %d rows of %s from the default partition into %s", moved, partition.day(), name);
            }
        } catch (SQLException | RuntimeException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(true);
        }
    }

    private static boolean attached(Connection connection, DayPartition partition) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(ATTACHED)) {
            statement.setString(1, partition.parent());
            statement.setString(2, partition.name());
            try (ResultSet row = statement.executeQuery()) {
                return row.next() && row.getBoolean(1);
            }
        }
    }

    private static boolean advisory(Connection connection, String function) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("SELECT " + function + "(?)")) {
            statement.setLong(1, LOCK_KEY);
            try (ResultSet row = statement.executeQuery()) {
                return row.next() && row.getBoolean(1);
            }
        }
    }
}
