package io.msgkey.recorder.localdb;

import java.nio.file.Path;
import java.sql.SQLException;

import org.jboss.logging.Logger;

/**
 * The demo's (and dev mode's) database when none is configured: database {@code msgkey} on the PostgreSQL server
 * already running on this machine, else an embedded PostgreSQL keeping its data in {@code data/postgres}.
 */
final class LocalDatabase {

    static final String NAME = "msgkey";
    static final Path EMBEDDED_DATA = Path.of("data", "postgres");

    private static final Logger LOG = Logger.getLogger(LocalDatabase.class);

    private LocalDatabase() {
    }

    static DatabaseLogin findOrStart() {
        return findOrStart(LocalServer.fromEnvironment(), NAME, EMBEDDED_DATA);
    }

    static DatabaseLogin findOrStart(LocalServer server, String name, Path embeddedData) {
        String why;
        if (server.listening()) {
            try {
                return server.signIn().database(name, "database " + name + " on the PostgreSQL server at "
                        + server.address());
            } catch (SQLException e) {
                why = "the PostgreSQL server at " + server.address() + " refused user postgres (" + e.getMessage()
                        + "; set PGUSER and PGPASSWORD for it)";
                LOG.warnf("Not using the PostgreSQL server at %s: %s", server.address(), e.getMessage());
            }
        } else {
            why = "no PostgreSQL server listens on " + server.address();
        }
        if (EmbeddedServer.runningAsRoot()) {
            throw new IllegalStateException("No database is configured, " + why + ", and the embedded PostgreSQL "
                    + "cannot start because this process runs as root (PostgreSQL refuses to). Do one of: run it as "
                    + "a normal user; start a PostgreSQL server on " + server.address()
                    + " (for example apt-get install postgresql); or configure a database with "
                    + "QUARKUS_DATASOURCE_JDBC_URL, QUARKUS_DATASOURCE_USERNAME and QUARKUS_DATASOURCE_PASSWORD.");
        }
        LOG.infof("Starting an embedded PostgreSQL in %s: %s", embeddedData, why);
        return EmbeddedServer.start(embeddedData, name, true);
    }
}
