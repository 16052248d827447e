package io.msgkey.recorder.localdb;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The comment that marks a database as the tests' own, so that emptying it at the start of a test run is allowed.
 * It lives in the database itself: whatever URL, proxy or profile leads there, the database says what it is.
 */
final class TestDatabaseMark {

    static final String COMMENT = "msgkey-recorder test database: the tests empty it whenever they start";

    private TestDatabaseMark() {
    }

    static void mark(Connection database) throws SQLException {
        try (Statement statement = database.createStatement()) {
            statement.execute("DO $$ BEGIN EXECUTE format('COMMENT ON DATABASE %I IS %L', current_database(), '"
                    + COMMENT + "'); END $$");
        }
    }

    static boolean isMarked(Connection database) throws SQLException {
        try (PreparedStatement query = database.prepareStatement(
                "SELECT shobj_description(oid, 'pg_database') FROM pg_database WHERE datname = current_database()");
                ResultSet row = query.executeQuery()) {
            return row.next() && COMMENT.equals(row.getString(1));
        }
    }

    static String name(Connection database) throws SQLException {
        try (Statement statement = database.createStatement();
                ResultSet row = statement.executeQuery("SELECT current_database()")) {
            row.next();
            return row.getString(1);
        }
    }
}
