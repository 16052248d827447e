package io.msgkey.recorder.ingest;

import java.nio.file.Files;
import java.sql.Connection;
import java.sql.SQLException;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

import io.agroal.api.AgroalDataSource;

/**
 * Reports the database and the spool together. A database outage makes the service degraded, not down: callbacks are
 * still acknowledged from the spool, so taking the instance out of rotation would only lose them.
 */
@Readiness
@ApplicationScoped
class RecorderHealthCheck implements HealthCheck {

    private final AgroalDataSource dataSource;
    private final Spool spool;
    private final IngestConfig config;

    RecorderHealthCheck(AgroalDataSource dataSource, Spool spool, IngestConfig config) {
        this.dataSource = dataSource;
        this.spool = spool;
        this.config = config;
    }

    @Override
    public HealthCheckResponse call() {
        boolean database = databaseReachable();
        boolean spoolWritable = Files.isWritable(config.spool().dir());
        long depth = spool.depth();
        HealthCheckResponseBuilder response = HealthCheckResponse.named("callback recorder")
                .withData("database", database ? "reachable" : "unreachable")
                .withData("spool", spoolWritable ? "writable" : "not writable")
                .withData("spoolDepth", depth)
                .withData("mode", database && depth == 0 ? "recording" : "degraded: spooling");
        return response.status(database || spoolWritable).build();
    }

    private boolean databaseReachable() {
        try (Connection connection = dataSource.getConnection()) {
            return connection.isValid(2);
        } catch (SQLException e) {
            return false;
        }
    }
}
