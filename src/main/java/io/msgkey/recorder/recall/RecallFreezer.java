package io.msgkey.recorder.recall;

import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;

/**
 * This instance's background freezer (thread {@code recall-freezer}): takes a {@code FREEZING} job and freezes it
 * chunk after chunk until it awaits confirmation, is cancelled or is taken over. It runs on every instance, workers
 * or not: freezing only reads messages and writes the job. A new job wakes it; otherwise it looks every poll interval,
 * which is also how it finds the jobs of an instance that died mid-freeze once their lease has run out.
 */
@ApplicationScoped
public class RecallFreezer {

    private static final Logger LOG = Logger.getLogger(RecallFreezer.class);

    private final RecallFreezing freezing;
    private final Duration lease;
    private final Duration pollInterval;
    private final Semaphore wake = new Semaphore(0);
    private String owner;
    private Thread thread;
    private volatile boolean running;

    RecallFreezer(RecallFreezing freezing, RecallConfig config) {
        this.freezing = freezing;
        this.lease = config.worker().lease();
        this.pollInterval = config.worker().pollInterval();
    }

    void onStart(@Observes StartupEvent event) {
        start();
    }

    void onStop(@Observes ShutdownEvent event) throws InterruptedException {
        stop();
    }

    /** A job was created that its request could not freeze alone. */
    public void wake() {
        wake.release();
    }

    public synchronized void start() {
        if (thread == null) {
            running = true;
            owner = "freezer-" + UUID.randomUUID();
            thread = Thread.ofVirtual().name("recall-freezer").start(this::loop);
        }
    }

    /** Stops after the chunk being frozen commits; the job's lease runs out and any instance goes on with it. */
    public synchronized void stop() throws InterruptedException {
        if (thread != null) {
            running = false;
            wake.release();
            thread.join();
            thread = null;
        }
    }

    private void loop() {
        while (running) {
            try {
                Optional<Long> job = freezing.claim(owner, lease);
                if (job.isEmpty()) {
                    wake.tryAcquire(pollInterval.toMillis(), TimeUnit.MILLISECONDS);
                    wake.drainPermits();
                    continue;
                }
                while (running && freezing.next(job.get(), owner, lease)) {
                    // one short transaction per chunk
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                LOG.warnf("recall freezer %s could not go on freezing: %s", owner, e.toString());
                try {
                    Thread.sleep(pollInterval.toMillis());
                } catch (InterruptedException interrupted) {
                    return;
                }
            }
        }
    }
}
