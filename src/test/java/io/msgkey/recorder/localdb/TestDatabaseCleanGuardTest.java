package io.msgkey.recorder.localdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Flyway's clean, as the test profile runs it at every start, on a schema of the tests' database set aside for this
 * test: refused while the database lacks the test mark, done once it has it.
 */
class TestDatabaseCleanGuardTest {

    private static final String PROBE = "clean_guard_probe";

    private final DatabaseLogin tests = TestDatabase.get();

    @BeforeEach
    void probeSchemaWithARow() throws SQLException {
        execute("DROP SCHEMA IF EXISTS " + PROBE + " CASCADE", "CREATE SCHEMA " + PROBE,
                "CREATE TABLE " + PROBE + ".precious (id int)", "INSERT INTO " + PROBE + ".precious VALUES (1)");
    }

    @AfterEach
    void markedAgainAndProbeDropped() throws SQLException {
        try (Connection database = tests.connect()) {
            TestDatabaseMark.mark(database);
        }
        execute("DROP SCHEMA IF EXISTS " + PROBE + " CASCADE");
    }

    @Test
    void aDatabaseWithoutTheTestMarkIsNeverEmptied() throws SQLException {
        execute("COMMENT ON DATABASE \"" + databaseName() + "\" IS NULL");

        assertThatThrownBy(() -> flyway().clean()).isInstanceOf(FlywayException.class)
                .hasMessageContaining("refusing to empty database " + databaseName())
                .hasMessageContaining("it is not a test database");
        assertThat(rows()).isEqualTo(1);
    }

    @Test
    void theTestsOwnDatabaseIsEmptied() throws SQLException {
        flyway().clean();

        try (Connection database = tests.connect();
                Statement statement = database.createStatement();
                ResultSet found = statement.executeQuery("SELECT count(*) FROM information_schema.tables "
                        + "WHERE table_schema = '" + PROBE + "'")) {
            found.next();
            assertThat(found.getInt(1)).isZero();
        }
    }

    private Flyway flyway() {
        return Flyway.configure().dataSource(tests.jdbcUrl(), tests.username(), tests.password().orElse(null))
                .schemas(PROBE).cleanDisabled(false).callbacks(new TestDatabaseCleanGuard()).load();
    }

    private long rows() throws SQLException {
        try (Connection database = tests.connect();
                Statement statement = database.createStatement();
                ResultSet count = statement.executeQuery("SELECT count(*) FROM " + PROBE + ".precious")) {
            count.next();
            return count.getLong(1);
        }
    }

    private String databaseName() throws SQLException {
        try (Connection database = tests.connect()) {
            return TestDatabaseMark.name(database);
        }
    }

    private void execute(String... statements) throws SQLException {
        try (Connection database = tests.connect(); Statement statement = database.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
    }
}
