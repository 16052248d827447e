package io.msgkey.recorder.ingest;

import java.nio.file.Files;
import java.sql.Connection;
import java.sql.SQLException;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import io.agroal.api.AgroalDataSource;
import io.quarkus.agroal.DataSource;
import io.quarkus.scheduler.Scheduled;

/**
 * Reports the database and the spool together. A database outage makes the service degraded, not down: callbacks are
 * still acknowledged from the spool, so taking the instance out of rotation would only lose them. The database is
 * probed in the background, so that a probe never waits for a connection and times out itself; a connection that
 * hangs without failing shows as a stalled database once a batch has waited on it too long.
 */
@Readiness
@ApplicationScoped
class RecorderHealthCheck implements HealthCheck {

    private final AgroalDataSource dataSource;
    private final GroupCommitWriter writer;
    private final Spool spool;
    private final SpoolReplayer replayer;
    private final IngestConfig config;
    private volatile boolean databaseAnswers = true;

    RecorderHealthCheck(@DataSource("ingest") AgroalDataSource dataSource, GroupCommitWriter writer, Spool spool,
            SpoolReplayer replayer, IngestConfig config) {
        this.dataSource = dataSource;
        this.writer = writer;
        this.spool = spool;
        this.replayer = replayer;
        this.config = config;
    }

    @Scheduled(every = "5s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void probe() {
        try (Connection connection = dataSource.getConnection()) {
            databaseAnswers = connection.isValid(2);
        } catch (SQLException e) {
            databaseAnswers = false;
        }
    }

    @Override
    public HealthCheckResponse call() {
        boolean stalled = writer.isDatabaseStalled();
        boolean database = databaseAnswers && !writer.isDatabaseFailing() && !stalled;
        boolean spoolWritable = Files.isWritable(config.spool().dir());
        long depth = spool.depth();
        String mode = database && depth == 0 ? "recording"
                : stalled ? "degraded: database stalled, spooling" : "degraded: spooling";
        return HealthCheckResponse.named("callback recorder")
                .withData("database", stalled ? "stalled" : database ? "reachable" : "unreachable")
                .withData("spool", spoolWritable ? "writable" : "not writable")
                .withData("spoolDepth", depth)
                .withData("spoolReplayed", replayer.replayedSinceStart())
                .withData("mode", mode)
                .status(database || spoolWritable).build();
    }
}
