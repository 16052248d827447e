package io.msgkey.recorder.localdb;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.stream.Stream;

import jakarta.inject.Singleton;

import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.callback.Callback;
import org.flywaydb.core.api.callback.Context;
import org.flywaydb.core.api.callback.Event;
import org.flywaydb.core.api.configuration.FluentConfiguration;

import io.quarkus.flyway.FlywayConfigurationCustomizer;

/**
 * Flyway's clean (the test profile cleans at every start) empties only a database marked as the tests' own. A
 * production URL that reaches a test run through a system property, a profile or a proxy is refused before anything
 * is dropped, in every profile.
 */
@Singleton
public class TestDatabaseCleanGuard implements FlywayConfigurationCustomizer, Callback {

    @Override
    public void customize(FluentConfiguration configuration) {
        configuration.callbacks(Stream.concat(Arrays.stream(configuration.getCallbacks()), Stream.of(this))
                .toArray(Callback[]::new));
    }

    @Override
    public boolean supports(Event event, Context context) {
        return event == Event.BEFORE_CLEAN;
    }

    @Override
    public boolean canHandleInTransaction(Event event, Context context) {
        return true;
    }

    @Override
    public void handle(Event event, Context context) {
        refuseUnlessMarked(context.getConnection());
    }

    @Override
    public String getCallbackName() {
        return "test database guard";
    }

    static void refuseUnlessMarked(Connection database) {
        try {
            if (!TestDatabaseMark.isMarked(database)) {
                throw new FlywayException("refusing to empty database " + TestDatabaseMark.name(database)
                        + ": it is not a test database. Tests take theirs from " + TestDatabase.URL_VARIABLE
                        + " or create one; nothing else is ever cleaned.");
            }
        } catch (SQLException e) {
            throw new FlywayException("refusing to empty a database whose test mark cannot be read", e);
        }
    }
}
