package io.msgkey.recorder.demo;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.ObservesAsync;

import org.eclipse.microprofile.config.Config;
import org.jboss.logging.Logger;

import io.msgkey.recorder.localdb.LocalDatabaseConfigSourceFactory;
import io.msgkey.recorder.tencent.TencentConfig;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.http.HttpServerStart;
import io.smallrye.config.Secret;
import io.smallrye.config.SmallRyeConfig;

/** Refuses the demo with a real key before the HTTP server opens, and says where to sign in once it has. */
@ApplicationScoped
class DemoStartup {

    private static final Logger LOG = Logger.getLogger(DemoStartup.class);

    private final SmallRyeConfig config;
    private final TencentConfig tencent;

    DemoStartup(Config config, TencentConfig tencent) {
        this.config = config.unwrap(SmallRyeConfig.class);
        this.tencent = tencent;
    }

    void refuseRealKey(@Observes @Priority(1) StartupEvent started) {
        Demo.refusal(config.getProfiles(), tencent.admin().secretKey().map(Secret::get))
                .ifPresent(reason -> {
                    throw new IllegalStateException(reason);
                });
    }

    void announce(@ObservesAsync HttpServerStart server) {
        if (!Demo.active()) {
            return;
        }
        String host = server.options().getHost();
        String url = "http://" + ("0.0.0.0".equals(host) ? "localhost" : host) + ":" + server.options().getPort();
        String database = config.getOptionalValue(LocalDatabaseConfigSourceFactory.ORIGIN, String.class)
                .orElseGet(() -> "the configured datasource " + config.getOptionalValue("quarkus.datasource.jdbc.url",
                        String.class).orElse("(none)"));
        LOG.infof("%n%n  MsgKey Recorder demo: open %s and sign in as alice / alice-demo (moderator);"
                + "%n  bob / bob-demo is a second moderator, carol / carol-demo an auditor."
                + "%n  Recalls go to a simulated Tencent admin API inside this service (demo only)."
                + "%n  Database: %s%n", url, database);
    }
}
