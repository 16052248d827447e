package io.msgkey.recorder.recall;

import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

import org.jboss.logging.Logger;

import io.smallrye.faulttolerance.api.Guard;

/**
 * Records, for all the lanes of an engine, the calls Tencent answered: one thread, one transaction for every answer
 * that arrived meanwhile ({@link RecallLedger#finishCalls}), instead of one per call. A lane hands its answer over and
 * takes its next call. An answer stays here until the database took it, retried through database hiccups; what a crash
 * loses from here is what it would lose between a call's answer and its record anyway: those items are still in
 * flight, and sent again by whoever takes them over.
 */
final class OutcomeWriter {

    private static final Logger LOG = Logger.getLogger(OutcomeWriter.class);
    /** Calls recorded in one transaction at most (ten items each, for group calls). */
    static final int MAX_BATCH = 100;

    private final RecallLedger ledger;
    private final String owner;
    private final BooleanSupplier alive;
    private final Consumer<List<ClaimedItem>> recorded;
    private final BlockingQueue<AnsweredCall> answered = new LinkedBlockingQueue<>();
    /** Answers whose batch failed, recorded first next time. */
    private final List<AnsweredCall> unrecorded = new ArrayList<>();
    private final Guard bookkeeping;
    private volatile boolean stopped;

    /** {@code recorded} is told of the items of each batch once committed; {@code alive} is false once abandoned. */
    OutcomeWriter(RecallLedger ledger, String owner, BooleanSupplier alive, Consumer<List<ClaimedItem>> recorded) {
        this.ledger = ledger;
        this.owner = owner;
        this.alive = alive;
        this.recorded = recorded;
        // A recall that went through must be recorded even if the database hiccups meanwhile.
        this.bookkeeping = Guard.create().withDescription("recall bookkeeping").withRetry().maxRetries(20)
                .delay(250, ChronoUnit.MILLIS).maxDuration(2, ChronoUnit.MINUTES).withExponentialBackoff()
                .maxDelay(10, ChronoUnit.SECONDS).done().done().build();
    }

    void add(AnsweredCall call) {
        answered.add(call);
    }

    /**
     * Runs until {@link #stop}, having recorded what was handed over until then (or given up on it, logged, if the
     * database keeps refusing), or until abandoned or interrupted.
     */
    void loop() {
        try {
            while (alive.getAsBoolean()) {
                // read before draining: all that was handed over before stop() is drained below
                boolean last = stopped;
                if (unrecorded.isEmpty()) {
                    AnsweredCall first = answered.poll(100, TimeUnit.MILLISECONDS);
                    if (first != null) {
                        unrecorded.add(first);
                    }
                }
                answered.drainTo(unrecorded, Math.max(0, MAX_BATCH - unrecorded.size()));
                if (!unrecorded.isEmpty() && !record()) {
                    if (last) {
                        LOG.errorf("recall worker %s stops with %d answered calls unrecorded; their items will be "
                                + "sent again (Tencent answers 20023 for those that went through)", owner, unrecorded());
                        return;
                    }
                    Thread.sleep(1000);
                } else if (last && answered.isEmpty()) {
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Asks the loop to record what it was handed and end; lanes must hand nothing over from now on. */
    void stop() {
        stopped = true;
    }

    int unrecorded() {
        return unrecorded.size() + answered.size();
    }

    private boolean record() {
        try {
            bookkeeping.get(() -> {
                // an abandoned engine's retries stop here, committing nothing
                if (alive.getAsBoolean()) {
                    ledger.finishCalls(unrecorded, owner, alive);
                }
                return null;
            }, Void.class);
        } catch (RuntimeException e) {
            if (alive.getAsBoolean()) {
                LOG.warnf("recall worker %s could not record %d answered calls yet; will keep trying: %s", owner,
                        unrecorded.size(), e.toString());
            }
            return false;
        }
        if (!alive.getAsBoolean()) {
            return false;
        }
        unrecorded.forEach(call -> recorded.accept(call.items()));
        unrecorded.clear();
        return true;
    }
}
