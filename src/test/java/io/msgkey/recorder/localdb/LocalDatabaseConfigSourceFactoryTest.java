package io.msgkey.recorder.localdb;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.quarkus.runtime.LaunchMode;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.EnvConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;

class LocalDatabaseConfigSourceFactoryTest {

    /** What a production shell may hold: if a test ever used it, the test profile's clean would empty production. */
    private static final Map<String, String> PRODUCTION_SHELL = Map.of(
            "QUARKUS_DATASOURCE_JDBC_URL", "jdbc:postgresql://prod.example.com:5432/msgkey",
            "QUARKUS_DATASOURCE_USERNAME", "msgkey",
            "QUARKUS_DATASOURCE_PASSWORD", "production-password",
            "QUARKUS_DATASOURCE_INGEST_JDBC_URL", "jdbc:postgresql://prod.example.com:5432/msgkey");

    private final LocalDatabaseConfigSourceFactory factory = new LocalDatabaseConfigSourceFactory();

    @Test
    void aProductionDatasourceExportedInTheShellNeverReachesTheTests() {
        SmallRyeConfig config = config("test", LaunchMode.TEST, PRODUCTION_SHELL);
        DatabaseLogin tests = TestDatabase.get();

        assertThat(config.getValue("quarkus.datasource.jdbc.url", String.class)).isEqualTo(tests.jdbcUrl())
                .doesNotContain("prod.example.com");
        assertThat(config.getValue("quarkus.datasource.ingest.jdbc.url", String.class)).isEqualTo(tests.jdbcUrl());
        assertThat(config.getValue("quarkus.datasource.username", String.class)).isEqualTo(tests.username());
        assertThat(config.getOptionalValue("quarkus.datasource.password", String.class)).isEqualTo(tests.password())
                .isNotEqualTo(Optional.of("production-password"));
        assertThat(config.getOptionalValue("quarkus.datasource.ingest.password", String.class))
                .isEqualTo(tests.password());
    }

    @Test
    void theTestsDatabaseIsTheSameAcrossRestartsOfTheApplication() {
        assertThat(config("test", LaunchMode.TEST, Map.of()).getValue("quarkus.datasource.jdbc.url", String.class))
                .isEqualTo(config("test", LaunchMode.TEST, Map.of()).getValue("quarkus.datasource.jdbc.url",
                        String.class));
    }

    @Test
    void aConfiguredDatasourceWinsInTheDemoAndNothingIsStarted() {
        SmallRyeConfig config = config("demo", LaunchMode.NORMAL, PRODUCTION_SHELL);

        assertThat(config.getValue("quarkus.datasource.jdbc.url", String.class))
                .isEqualTo("jdbc:postgresql://prod.example.com:5432/msgkey");
        assertThat(config.getOptionalValue(LocalDatabaseConfigSourceFactory.ORIGIN, String.class)).isEmpty();
    }

    @Test
    void productionWithoutADatasourceGetsNone() {
        SmallRyeConfig config = config("prod", LaunchMode.NORMAL, Map.of());

        assertThat(config.getOptionalValue("quarkus.datasource.jdbc.url", String.class)).isEmpty();
    }

    private SmallRyeConfig config(String profile, LaunchMode mode, Map<String, String> environment) {
        return new SmallRyeConfigBuilder().addDefaultInterceptors().withProfile(profile)
                .withSources(new EnvConfigSource(environment, 300))
                .withSources((ConfigSourceFactory) context -> factory.sources(mode, context)).build();
    }
}
