package io.msgkey.recorder.retention;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.msgkey.recorder.partition.DayPartition;

/**
 * Drops the day tables a run detached once the run has answered: their records are already out of the store, what is
 * left is the file system freeing their files (over a second for a day of 1,000,000 messages where it trims them
 * synchronously). The drop goes on the run's own connection, so the retention lock stays held until it is done and no
 * run overlaps it; then the connection lets the lock go. A drop that fails is logged and the next run drops the day.
 */
@ApplicationScoped
class BackgroundDrop {

    private static final Logger LOG = Logger.getLogger(BackgroundDrop.class);

    private volatile CompletableFuture<Void> last = CompletableFuture.completedFuture(null);

    /** Drops {@code days} on a thread of its own, then calls {@code release} (the lock and the connection). */
    synchronized void start(Connection connection, List<DayPartition> days, Runnable release) {
        last = CompletableFuture.runAsync(() -> {
            try {
                for (DayPartition day : days) {
                    drop(connection, day);
                }
            } finally {
                release.run();
            }
        }, task -> Thread.ofVirtual().name("retention-drop").start(task));
    }

    private static void drop(Connection connection, DayPartition day) {
        try {
            DetachedDays.drop(connection, day);
        } catch (SQLException | RuntimeException e) {
            LOG.warnf("retention could not drop the detached day %s (its records are removed already); the next run "
                    + "drops it: %s", day.name(), e.toString());
        }
    }

    /** Returns once this instance's last drop has ended (it never fails: failures are logged). */
    void await() {
        last.join();
    }
}
