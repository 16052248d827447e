package io.msgkey.recorder.localdb;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

import org.postgresql.Driver;

/** How to reach one PostgreSQL database, and where it came from (said at start). */
public record DatabaseLogin(String jdbcUrl, String username, Optional<String> password, String origin) {

    /** A plain JDBC connection, for the set-up done before the service's own pools exist. */
    public Connection connect() throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", username);
        password.ifPresent(value -> properties.setProperty("password", value));
        properties.setProperty("connectTimeout", "3");
        properties.setProperty("socketTimeout", "60");
        Connection connection = new Driver().connect(jdbcUrl, properties);
        if (connection == null) {
            throw new SQLException("not a PostgreSQL JDBC URL: " + jdbcUrl);
        }
        return connection;
    }

    /** The datasource settings that point the service at this database. */
    Map<String, String> datasourceProperties() {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("quarkus.datasource.jdbc.url", jdbcUrl);
        properties.put("quarkus.datasource.username", username);
        // empty, not absent: a password from a lower source (the environment) must not be sent to this server
        properties.put("quarkus.datasource.password", password.orElse(""));
        properties.put(LocalDatabaseConfigSourceFactory.ORIGIN, origin);
        return properties;
    }
}
