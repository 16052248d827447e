package io.msgkey.recorder.localdb;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;

/**
 * A PostgreSQL server already running on this machine: 127.0.0.1:5432 unless PGHOST and PGPORT say otherwise, signed
 * in to as PGUSER (default postgres), first without a password (trust setups), then with PGPASSWORD if that is set.
 */
final class LocalServer {

    private final String host;
    private final int port;
    private final String user;
    private final Optional<String> password;

    LocalServer(String host, int port, String user, Optional<String> password) {
        this.host = host;
        this.port = port;
        this.user = user;
        this.password = password;
    }

    static LocalServer fromEnvironment() {
        return new LocalServer(env("PGHOST").orElse("127.0.0.1"), env("PGPORT").map(Integer::parseInt).orElse(5432),
                env("PGUSER").orElse("postgres"), env("PGPASSWORD"));
    }

    String address() {
        return host + ":" + port;
    }

    boolean listening() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 1000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Signs in to the server's admin database, without a password first; the exception says why neither worked. */
    Session signIn() throws SQLException {
        Session withoutPassword = new Session(Optional.empty());
        try (Connection ignored = withoutPassword.admin()) {
            return withoutPassword;
        } catch (SQLException refused) {
            if (password.isEmpty()) {
                throw refused;
            }
        }
        Session withPassword = new Session(password);
        try (Connection ignored = withPassword.admin()) {
            return withPassword;
        }
    }

    private static Optional<String> env(String name) {
        return Optional.ofNullable(System.getenv(name)).filter(value -> !value.isBlank());
    }

    /** A way in that worked: the user, with or without the password. */
    final class Session {

        private final Optional<String> password;

        private Session(Optional<String> password) {
            this.password = password;
        }

        String address() {
            return LocalServer.this.address();
        }

        /** The database, created unless it exists. */
        DatabaseLogin database(String name, String origin) throws SQLException {
            try (Connection admin = admin()) {
                DatabaseAdmin.createUnlessExists(admin, name);
            }
            return login(name, origin);
        }

        DatabaseLogin create(String name, String origin) throws SQLException {
            try (Connection admin = admin()) {
                DatabaseAdmin.create(admin, name);
            }
            return login(name, origin);
        }

        void drop(String name) throws SQLException {
            try (Connection admin = admin()) {
                DatabaseAdmin.drop(admin, name);
            }
        }

        private DatabaseLogin login(String name, String origin) {
            return new DatabaseLogin("jdbc:postgresql://" + host + ":" + port + "/" + name, user, password, origin);
        }

        private Connection admin() throws SQLException {
            return login("postgres", "admin").connect();
        }
    }
}
