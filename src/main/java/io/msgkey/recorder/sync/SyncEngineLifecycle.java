package io.msgkey.recorder.sync;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.msgkey.recorder.tencent.TencentAdminClient;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;

/**
 * Starts this instance's {@link SyncEngine} at start-up and stops it at shutdown, unless sync.worker.enabled is false;
 * tests start and stop it themselves, and make further engines to play other instances.
 */
@ApplicationScoped
public class SyncEngineLifecycle {

    private final SyncJobRepository jobs;
    private final SyncLedger ledger;
    private final SyncJobService service;
    private final TencentAdminClient tencent;
    private final SyncConfig config;
    private SyncEngine engine;

    SyncEngineLifecycle(SyncJobRepository jobs, SyncLedger ledger, SyncJobService service, TencentAdminClient tencent,
            SyncConfig config) {
        this.jobs = jobs;
        this.ledger = ledger;
        this.service = service;
        this.tencent = tencent;
        this.config = config;
    }

    void onStart(@Observes StartupEvent event) {
        if (config.worker().enabled()) {
            start();
        }
    }

    void onStop(@Observes ShutdownEvent event) throws InterruptedException {
        stop();
    }

    public synchronized void start() {
        if (engine == null) {
            engine = newEngine();
            engine.start();
        }
    }

    public synchronized void stop() throws InterruptedException {
        if (engine != null) {
            engine.stop();
            engine = null;
        }
    }

    /** A further engine with its own identity, as a second instance on the same database would have. */
    SyncEngine newEngine() {
        return new SyncEngine("sync-" + UUID.randomUUID(), jobs, ledger, service, tencent, config.worker());
    }
}
