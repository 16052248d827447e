package io.msgkey.recorder.message;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.msgkey.recorder.localdb.DatabaseLogin;
import io.msgkey.recorder.localdb.TestDatabase;

/**
 * V15 on a populated database of the schema before it (Flyway's target 14, in a schema of the tests' database set
 * aside for this test): every row, id and the next id are kept, rows land in their days (or the default partition),
 * and searches answer as before.
 */
class PartitionMigrationTest {

    private static final String SCHEMA = "partition_migration_probe";
    private static final long APP = 1400000000L;

    private final DatabaseLogin tests = TestDatabase.get();

    @AfterEach
    void dropped() throws SQLException {
        execute("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
    }

    @Test
    void aPopulatedDatabaseKeepsItsRowsIdsNextIdAndSearchAnswers() throws SQLException {
        execute("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
        flyway("14").migrate();
        Instant today = LocalDate.now(ZoneOffset.UTC).atStartOfDay(ZoneOffset.UTC).toInstant();
        execute("""
                INSERT INTO message (sdk_app_id, from_account, to_account, msg_key, msg_seq, msg_time, first_seen_at,
                    seen_after, send_result, msg_time_estimated, source, recalled_at, recall_source)
                SELECT 1400000000, 'm-' || (i % 7), 'm-' || (i % 5), 'key-' || i, i,
                    timestamptz 'BASE' - CASE WHEN i % 100 = 0 THEN 400 ELSE i % 28 END * interval '1 day' + i * interval '1 second', now(), true,
                    CASE WHEN i % 10 = 0 THEN 20006 ELSE 0 END, i % 50 = 0,
                    CASE WHEN i % 3 = 0 THEN 'import' ELSE 'callback' END,
                    CASE WHEN i % 11 = 0 THEN now() END, CASE WHEN i % 11 = 0 THEN 'tencent' END
                FROM generate_series(1, 3000) AS i"""
                .replace("BASE", today.plus(3, ChronoUnit.DAYS).toString()));
        execute("""
                INSERT INTO group_message (sdk_app_id, group_id, msg_seq, from_account, msg_time, first_seen_at)
                SELECT 1400000000, 'g-' || (i % 4), i, 'm-' || (i % 7),
                    timestamptz 'BASE' - (i % 25) * interval '1 day', now()
                FROM generate_series(1, 500) AS i""".replace("BASE", today.toString()));
        execute("SELECT nextval('message_id_seq')");
        List<String> messages = rows("SELECT * FROM message ORDER BY id");
        List<String> groups = rows("SELECT * FROM group_message ORDER BY id");
        long lastId = single("SELECT last_value FROM message_id_seq");
        List<List<String>> searches = searches();

        flyway(null).migrate();

        assertThat(rows("SELECT * FROM message ORDER BY id")).hasSize(3000).isEqualTo(messages);
        assertThat(rows("SELECT * FROM group_message ORDER BY id")).hasSize(500).isEqualTo(groups);
        assertThat(searches()).isEqualTo(searches);
        assertThat(single("SELECT nextval('message_id_seq')")).isEqualTo(lastId + 1);
        assertThat(single("SELECT count(*) FROM message_p" + LocalDate.ofInstant(today, ZoneOffset.UTC)
                .format(java.time.format.DateTimeFormatter.BASIC_ISO_DATE))).isPositive();
        assertThat(single("SELECT count(*) FROM ONLY message_default WHERE msg_time >= now() - interval '30 days' "
                + "AND msg_time < now() + interval '7 days'")).as("every day from a month back has a partition")
                .isZero();
        assertThat(single("SELECT count(*) FROM message_default")).as("older than 31 days").isPositive();
        assertThat(single("SELECT count(*) FROM group_message_default")).isZero();
    }

    private List<List<String>> searches() throws SQLException {
        List<MessageQuery.Sql> queries = new ArrayList<>();
        for (String user : List.of("m-1", "m-3")) {
            queries.add(MessageQuery.of(APP, MessageFilter.of(null, null, user, null, null, null, "all", null, null))
                    .page(null, 50));
            queries.add(MessageQuery.of(APP, MessageFilter.of(user, null, null, null,
                    Instant.now().minus(60, ChronoUnit.DAYS).toString(), null, null, null, null)).page(null, 50));
            queries.add(GroupMessageQuery.of(APP, MessageFilter.of(user, null, null, null, null, null, null, "group",
                    null)).page(null, 50));
        }
        List<List<String>> answers = new ArrayList<>();
        for (MessageQuery.Sql sql : queries) {
            answers.add(rows(sql.text().replaceAll("\\?\\d+", "?"), sql.parameters().toArray()));
        }
        return answers;
    }

    private Flyway flyway(String target) {
        var configuration = Flyway.configure().dataSource(tests.jdbcUrl(), tests.username(),
                tests.password().orElse(null)).schemas(SCHEMA).locations("classpath:db/migration");
        if (target != null) {
            configuration.target(target);
        }
        return configuration.load();
    }

    private Connection connect() throws SQLException {
        Connection connection = tests.connect();
        try (Statement statement = connection.createStatement()) {
            statement.execute("CREATE SCHEMA IF NOT EXISTS " + SCHEMA);
            statement.execute("SET search_path TO " + SCHEMA);
        }
        return connection;
    }

    private void execute(String sql) throws SQLException {
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private long single(String sql) throws SQLException {
        try (Connection connection = connect();
                Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery(sql)) {
            row.next();
            return row.getLong(1);
        }
    }

    /** Each row as text, its columns by name in name order, so the column order of the new tables does not matter. */
    private List<String> rows(String sql, Object... parameters) throws SQLException {
        try (Connection connection = connect(); PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                Object value = parameters[i];
                statement.setObject(i + 1, value instanceof Instant instant ? Timestamp.from(instant) : value);
            }
            List<String> rows = new ArrayList<>();
            try (ResultSet result = statement.executeQuery()) {
                int columns = result.getMetaData().getColumnCount();
                while (result.next()) {
                    java.util.TreeMap<String, String> row = new java.util.TreeMap<>();
                    for (int c = 1; c <= columns; c++) {
                        row.put(result.getMetaData().getColumnName(c), result.getString(c));
                    }
                    rows.add(row.toString());
                }
            }
            return rows;
        }
    }
}
