package io.msgkey.recorder.localdb;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Optional;

import org.jboss.logging.Logger;

/**
 * The tests' database, and only ever that: the one {@value #URL_VARIABLE} names, else a fresh {@code msgkey_test_…}
 * database on the local server (dropped when the tests' JVM exits), else an embedded PostgreSQL. The service's own
 * datasource settings ({@code QUARKUS_DATASOURCE_*}, which a production shell may hold) are never read. Either way the
 * database is marked as a test database, which is what allows the test profile to empty it.
 */
public final class TestDatabase {

    public static final String URL_VARIABLE = "MSGKEY_TEST_DATABASE_URL";
    static final String URL_PROPERTY = "msgkey.test-database.url";
    static final String USERNAME_VARIABLE = "MSGKEY_TEST_DATABASE_USERNAME";
    static final String USERNAME_PROPERTY = "msgkey.test-database.username";
    static final String PASSWORD_VARIABLE = "MSGKEY_TEST_DATABASE_PASSWORD";
    static final String PASSWORD_PROPERTY = "msgkey.test-database.password";

    /**
     * Where the database chosen for this JVM is remembered. Each restart of the application under test (one per test
     * profile) loads this class afresh, so a static field would not survive it; system properties do.
     */
    private static final String CHOSEN = "msgkey.test-database.chosen.";

    private static final Logger LOG = Logger.getLogger(TestDatabase.class);

    private TestDatabase() {
    }

    /** The tests' database, chosen (and created) on the first call in this JVM. */
    public static DatabaseLogin get() {
        synchronized (System.getProperties()) {
            String url = System.getProperty(CHOSEN + "url");
            if (url != null) {
                return new DatabaseLogin(url, System.getProperty(CHOSEN + "username"),
                        Optional.ofNullable(System.getProperty(CHOSEN + "password")),
                        System.getProperty(CHOSEN + "origin"));
            }
            DatabaseLogin chosen = choose();
            System.setProperty(CHOSEN + "url", chosen.jdbcUrl());
            System.setProperty(CHOSEN + "username", chosen.username());
            chosen.password().ifPresent(password -> System.setProperty(CHOSEN + "password", password));
            System.setProperty(CHOSEN + "origin", chosen.origin());
            LOG.infof("Tests use %s", chosen.origin());
            return chosen;
        }
    }

    private static DatabaseLogin choose() {
        Optional<String> given = setting(URL_VARIABLE, URL_PROPERTY);
        if (given.isPresent()) {
            DatabaseLogin login = new DatabaseLogin(given.get(), setting(USERNAME_VARIABLE, USERNAME_PROPERTY)
                    .or(() -> Optional.ofNullable(System.getenv("PGUSER"))).orElse("postgres"),
                    setting(PASSWORD_VARIABLE, PASSWORD_PROPERTY), "the database " + URL_VARIABLE + " names");
            return marked(login);
        }
        LocalServer server = LocalServer.fromEnvironment();
        String why;
        if (server.listening()) {
            try {
                return marked(fresh(server.signIn()));
            } catch (SQLException e) {
                why = "the PostgreSQL server at " + server.address() + " refused to create a test database ("
                        + e.getMessage() + ")";
            }
        } else {
            why = "no PostgreSQL server listens on " + server.address();
        }
        if (EmbeddedServer.runningAsRoot()) {
            throw new IllegalStateException("The tests need PostgreSQL: " + URL_VARIABLE + " is not set, " + why
                    + ", and an embedded PostgreSQL cannot start as root (PostgreSQL refuses to). Start a server on "
                    + server.address() + " (apt-get install postgresql), run the tests as a normal user, or set "
                    + URL_VARIABLE + " (and " + USERNAME_VARIABLE + ", " + PASSWORD_VARIABLE
                    + ") to a database the tests may empty.");
        }
        LOG.infof("Starting an embedded PostgreSQL for the tests: %s", why);
        return marked(EmbeddedServer.start(Path.of("target", "embedded-postgres", "data-" + ProcessHandle.current().pid()),
                "msgkey_test", false));
    }

    private static DatabaseLogin fresh(LocalServer.Session session) throws SQLException {
        String name = "msgkey_test_" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd_HHmmss")) + "_"
                + ProcessHandle.current().pid();
        DatabaseLogin login = session.create(name, "a fresh database " + name + " on the PostgreSQL server at "
                + session.address() + ", dropped when the tests end");
        Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().name("drop " + name).unstarted(() -> {
            try {
                session.drop(name);
            } catch (SQLException e) {
                System.err.println("could not drop the test database " + name + ": " + e.getMessage());
            }
        }));
        return login;
    }

    private static DatabaseLogin marked(DatabaseLogin login) {
        try (Connection database = login.connect()) {
            TestDatabaseMark.mark(database);
            return login;
        } catch (SQLException e) {
            throw new IllegalStateException("The tests cannot use " + login.jdbcUrl() + " (" + e.getMessage()
                    + "): they need a database whose owner they sign in as, since they empty it.", e);
        }
    }

    private static Optional<String> setting(String variable, String property) {
        return Optional.ofNullable(System.getProperty(property)).or(() -> Optional.ofNullable(System.getenv(variable)))
                .filter(value -> !value.isBlank());
    }
}
