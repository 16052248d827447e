package io.msgkey.recorder.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.SQLException;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.quarkus.agroal.DataSource.DataSourceLiteral;
import io.quarkus.arc.Arc;
import io.quarkus.test.junit.QuarkusTest;

/** How long each kind of connection waits for a database that stops answering (socket read timeout, in ms). */
@QuarkusTest
class ConnectionTimeoutsTest {

    @Inject
    AgroalDataSource main;

    @Inject
    Flyway flyway;

    @Test
    void theWritePathGivesUpWithinTheReplyDeadlineAndTheMainPoolWithinAMinute() throws SQLException {
        AgroalDataSource ingest = Arc.container().instance(AgroalDataSource.class, new DataSourceLiteral("ingest"))
                .get();
        assertThat(networkTimeout(ingest)).isEqualTo(1000);
        assertThat(networkTimeout(main)).isEqualTo(60_000);
    }

    @Test
    void migrationsRunOnAConnectionWithoutThePoolsTimeout() throws SQLException {
        DataSource migrations = flyway.getConfiguration().getDataSource();
        assertThat(migrations).isNotInstanceOf(AgroalDataSource.class);
        assertThat(networkTimeout(migrations)).isZero();
    }

    private static int networkTimeout(DataSource dataSource) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            return connection.getNetworkTimeout();
        }
    }
}
