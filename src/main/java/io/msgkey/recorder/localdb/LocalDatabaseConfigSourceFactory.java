package io.msgkey.recorder.localdb;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.config.spi.ConfigSource;

import io.quarkus.runtime.LaunchMode;
import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.PropertiesConfigSource;

/**
 * Points the datasources at a database found or started on this machine, before Agroal and Flyway start: in tests
 * always the tests' own database ({@link TestDatabase}); in the demo and dev profiles, when no datasource is
 * configured, {@link LocalDatabase}. Never in production: there a missing datasource stays an error.
 */
public class LocalDatabaseConfigSourceFactory implements ConfigSourceFactory {

    /** Where the database came from, for the start-up banner. */
    public static final String ORIGIN = "local-database.origin";

    /**
     * Above the environment (300), so a production QUARKUS_DATASOURCE_* exported in the shell never reaches a test;
     * below system properties (400), where a test profile's overrides go (the outage test's proxy).
     */
    static final int TEST_ORDINAL = 350;
    /** Below every real source: it only fills in a datasource nobody configured. */
    static final int FALLBACK_ORDINAL = 150;

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        return sources(LaunchMode.current(), context);
    }

    List<ConfigSource> sources(LaunchMode mode, ConfigSourceContext context) {
        if (mode == LaunchMode.TEST) {
            Map<String, String> properties = new LinkedHashMap<>(TestDatabase.get().datasourceProperties());
            // the write path's pool follows the main one even where the environment names another database for it
            properties.put("quarkus.datasource.ingest.jdbc.url", "${quarkus.datasource.jdbc.url}");
            properties.put("quarkus.datasource.ingest.username", "${quarkus.datasource.username}");
            properties.put("quarkus.datasource.ingest.password", "${quarkus.datasource.password:}");
            return List.of(new PropertiesConfigSource(properties, "test database", TEST_ORDINAL));
        }
        List<String> profiles = context.getProfiles();
        if (!profiles.contains("demo") && !profiles.contains(LaunchMode.DEV_PROFILE) || configured(context)) {
            return List.of();
        }
        return List.of(new PropertiesConfigSource(LocalDatabase.findOrStart().datasourceProperties(),
                "local database", FALLBACK_ORDINAL));
    }

    private static boolean configured(ConfigSourceContext context) {
        ConfigValue url = context.getValue("quarkus.datasource.jdbc.url");
        return url != null && url.getValue() != null && !url.getValue().isBlank();
    }
}
