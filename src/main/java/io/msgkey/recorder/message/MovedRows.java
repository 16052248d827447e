package io.msgkey.recorder.message;

import java.sql.SQLException;
import java.time.temporal.ChronoUnit;

import org.jboss.logging.Logger;

import io.msgkey.recorder.common.Causes;
import io.smallrye.faulttolerance.api.Guard;

/**
 * Runs again a unit of work that wrote message or group_message rows and failed because one of them was moved to
 * another day partition meanwhile: the write path moves a stand-in to its real day (an UPDATE of msg_time), and
 * PostgreSQL then refuses a concurrent update or delete of that row with SQLSTATE 40001 ("tuple ... moved to another
 * partition due to concurrent update") instead of following it. Only the whole transaction can be done again: the
 * failed statement aborted it. Done again at once, the work finds the row in its new partition, or no longer where it
 * looks (a day retention removes, a subject's rows), which is what it would have found a moment later. A row moves
 * once or twice in its life (stand-ins, then its real time), so a few attempts are enough.
 */
public final class MovedRows {

    private static final Logger LOG = Logger.getLogger(MovedRows.class);
    /** PostgreSQL's serialization_failure: under READ COMMITTED, the service's isolation, raised for a moved row. */
    static final String SERIALIZATION_FAILURE = "40001";
    private static final Guard RETRY = Guard.create().withDescription("rows moved to another partition").withRetry()
            .maxRetries(4).delay(0, ChronoUnit.MILLIS).jitter(0, ChronoUnit.MILLIS).whenException(MovedRows::moved)
            .beforeRetry(failure -> LOG.debugf("a row moved to another partition meanwhile; done again: %s",
                    failure.toString()))
            .done().build();

    /** A unit of work on a JDBC connection: one statement in autocommit, or one transaction it ends itself. */
    @FunctionalInterface
    public interface SqlWork<T> {
        T run() throws SQLException;
    }

    private MovedRows() {
    }

    /** Runs the work, again while a row it writes moved meanwhile; the work must have rolled back what it began. */
    @SuppressWarnings("unchecked")
    public static <T> T onConnection(SqlWork<T> work) throws SQLException {
        try {
            return (T) RETRY.call(work::run, Object.class);
        } catch (SQLException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static boolean moved(Throwable failure) {
        return Causes.chain(failure)
                .anyMatch(cause -> cause instanceof SQLException sql && SERIALIZATION_FAILURE.equals(sql.getSQLState()));
    }
}
