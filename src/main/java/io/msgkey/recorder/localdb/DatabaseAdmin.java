package io.msgkey.recorder.localdb;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.regex.Pattern;

/** Creating and dropping the databases this package makes, over a connection to a server's admin database. */
final class DatabaseAdmin {

    private static final Pattern OWN_NAME = Pattern.compile("[a-z][a-z0-9_]{0,62}");

    private DatabaseAdmin() {
    }

    static void createUnlessExists(Connection admin, String name) throws SQLException {
        try (PreparedStatement query = admin.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            query.setString(1, name);
            try (ResultSet row = query.executeQuery()) {
                if (row.next()) {
                    return;
                }
            }
        }
        create(admin, name);
    }

    static void create(Connection admin, String name) throws SQLException {
        try (Statement statement = admin.createStatement()) {
            statement.execute("CREATE DATABASE " + checked(name));
        }
    }

    static void drop(Connection admin, String name) throws SQLException {
        try (Statement statement = admin.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + checked(name) + " WITH (FORCE)");
        }
    }

    /** Only names this package chose go into SQL as identifiers. */
    private static String checked(String name) {
        if (!OWN_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("not a database name this service creates: " + name);
        }
        return name;
    }
}
