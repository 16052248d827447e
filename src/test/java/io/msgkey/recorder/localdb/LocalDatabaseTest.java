package io.msgkey.recorder.localdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;

import org.junit.jupiter.api.Test;

/** The demo's database when none is configured, against the real local server and the real embedded PostgreSQL. */
class LocalDatabaseTest {

    @Test
    void theLocalServersDatabaseIsUsedAndCreatedWhenMissing() throws SQLException {
        LocalServer server = LocalServer.fromEnvironment();
        String name = "msgkey_test_demo_" + ProcessHandle.current().pid();
        try {
            DatabaseLogin login = LocalDatabase.findOrStart(server, name, Path.of("target", "unused"));

            assertThat(login.jdbcUrl()).isEqualTo("jdbc:postgresql://" + server.address() + "/" + name);
            assertThat(login.origin()).isEqualTo("database " + name + " on the PostgreSQL server at "
                    + server.address());
            assertThat(currentDatabase(login)).isEqualTo(name);
            assertThat(LocalDatabase.findOrStart(server, name, Path.of("target", "unused"))).isEqualTo(login);
        } finally {
            server.signIn().drop(name);
        }
    }

    @Test
    void withoutAServerAnEmbeddedOneStartsWithItsDataKeptOrRootIsToldWhatToDo() throws Exception {
        LocalServer nobody = new LocalServer("127.0.0.1", freePort(), "postgres", Optional.empty());
        Path data = Files.createTempDirectory("msgkey-embedded");
        if (EmbeddedServer.runningAsRoot()) {
            assertThatThrownBy(() -> LocalDatabase.findOrStart(nobody, "msgkey", data))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("no PostgreSQL server listens on " + nobody.address())
                    .hasMessageContaining("runs as root (PostgreSQL refuses to)")
                    .hasMessageContaining("run it as a normal user")
                    .hasMessageContaining("apt-get install postgresql")
                    .hasMessageContaining("QUARKUS_DATASOURCE_JDBC_URL");
            return;
        }
        DatabaseLogin login = LocalDatabase.findOrStart(nobody, "msgkey", data);

        assertThat(login.origin()).startsWith("an embedded PostgreSQL, database msgkey, data in " + data);
        try (Connection database = login.connect();
                Statement statement = database.createStatement();
                ResultSet version = statement.executeQuery("SHOW server_version")) {
            version.next();
            assertThat(version.getString(1)).startsWith("17.");
        }
        assertThat(data.resolve("PG_VERSION")).exists();
    }

    private static String currentDatabase(DatabaseLogin login) throws SQLException {
        try (Connection database = login.connect()) {
            return TestDatabaseMark.name(database);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
