package io.msgkey.recorder.common;

import java.util.Optional;

import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.flywaydb.core.api.configuration.FluentConfiguration;

import io.quarkus.flyway.FlywayConfigurationCustomizer;

/**
 * Migrations run on a connection of their own, outside the pool: the pool's socket timeout cuts a statement after a
 * minute of silence on the wire, and a migration that rewrites a large table may rightly be silent for longer.
 */
@Singleton
public class MigrationConnection implements FlywayConfigurationCustomizer {

    private final String url;
    private final Optional<String> username;
    private final Optional<String> password;

    /** Empty user or password (trust authentication) count as none. */
    MigrationConnection(@ConfigProperty(name = "quarkus.datasource.jdbc.url") String url,
            @ConfigProperty(name = "quarkus.datasource.username") Optional<String> username,
            @ConfigProperty(name = "quarkus.datasource.password") Optional<String> password) {
        this.url = url;
        this.username = username;
        this.password = password;
    }

    @Override
    public void customize(FluentConfiguration configuration) {
        configuration.dataSource(url, username.orElse(null), password.orElse(null));
    }
}
