package io.msgkey.recorder.recall;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;

import io.msgkey.recorder.tencent.GroupRecalls;
import io.msgkey.recorder.tencent.TencentAdminClient;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;

/**
 * Starts this instance's {@link RecallEngine} at start-up and stops it at shutdown, unless recall.worker.enabled is
 * false; tests start and stop it themselves, and make further engines to play other instances.
 */
@ApplicationScoped
public class RecallEngineLifecycle {

    private final RecallItemRepository items;
    private final RecallLedger ledger;
    private final RecallJobService jobs;
    private final TencentAdminClient tencent;
    private final GroupRecalls groupRecalls;
    private final RecallConfig config;
    /** Volatile: read without the lock by {@link #onJobRunning}. */
    private volatile RecallEngine engine;

    RecallEngineLifecycle(RecallItemRepository items, RecallLedger ledger, RecallJobService jobs,
            TencentAdminClient tencent, GroupRecalls groupRecalls, RecallConfig config) {
        this.items = items;
        this.ledger = ledger;
        this.jobs = jobs;
        this.tencent = tencent;
        this.groupRecalls = groupRecalls;
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

    /**
     * After the commit: the engine would not see the job running before it. Not synchronized: {@link #stop} holds the
     * lock while it waits for the engine's threads, and the outage prober, one of them, commits resumed jobs; an engine
     * being stopped ignores the wake.
     */
    void onJobRunning(@Observes(during = TransactionPhase.AFTER_SUCCESS) RecallJobRunning job) {
        RecallEngine current = engine;
        if (current != null) {
            current.wake();
        }
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
    RecallEngine newEngine() {
        return new RecallEngine("worker-" + UUID.randomUUID(), items, ledger, jobs, tencent, groupRecalls,
                config.worker(),
                new OutageGuard(jobs, tencent, config.outage()));
    }

}
