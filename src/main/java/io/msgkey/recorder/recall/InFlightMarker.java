package io.msgkey.recorder.recall;

import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.jboss.logging.Logger;

import io.msgkey.recorder.message.MovedRows;

/**
 * Marks in flight, for all the lanes of an engine, the items of the calls they are about to send: one thread, one
 * transaction for every call asked for meanwhile ({@link RecallLedger#beginCalls}), instead of one per call. A lane
 * waits for the commit before it sends, so no call leaves unmarked, and a call asked for after a cancellation or a
 * pause committed finds its job no longer running. The busier the lanes, the more calls share a commit.
 */
final class InFlightMarker {

    private static final Logger LOG = Logger.getLogger(InFlightMarker.class);
    /** Calls marked in one transaction at most (ten items each, for group calls). */
    static final int MAX_BATCH = 64;

    private final RecallLedger ledger;
    private final String owner;
    private final Duration lease;
    private final BlockingQueue<Request> requests = new LinkedBlockingQueue<>();
    private volatile boolean stopped;

    InFlightMarker(RecallLedger ledger, String owner, Duration lease) {
        this.ledger = ledger;
        this.owner = owner;
        this.lease = lease;
    }

    /**
     * The items of the call to send, once marked in flight and committed; the others were settled without a call or
     * are no longer ours. Throws when the marks could not be made: the call's items then stay pending.
     */
    List<ClaimedItem> begin(RecallCall call) throws InterruptedException {
        Request request = new Request(call, new CompletableFuture<>());
        requests.add(request);
        try {
            return request.send().get();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : new IllegalStateException(e.getCause());
        }
    }

    /** Runs until {@link #stop} (once no lane waits any more) or an interruption. */
    void loop() {
        List<Request> batch = new ArrayList<>();
        while (!stopped) {
            try {
                Request first = requests.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                requests.drainTo(batch, MAX_BATCH - 1);
                mark(batch);
                batch.clear();
            } catch (InterruptedException e) {
                batch.forEach(request -> request.send().cancel(false));
                return;
            }
        }
    }

    void stop() {
        stopped = true;
    }

    private void mark(List<Request> batch) {
        try {
            // a mark that met a message row moved to another day meanwhile failed the whole batch: done again at once
            List<List<ClaimedItem>> send = MovedRows.onConnection(
                    () -> ledger.beginCalls(batch.stream().map(Request::call).toList(), owner, lease));
            for (int i = 0; i < batch.size(); i++) {
                batch.get(i).send().complete(send.get(i));
            }
        } catch (SQLException | RuntimeException e) {
            LOG.warnf("recall worker %s could not mark %d calls in flight; their items stay pending: %s", owner,
                    batch.size(), e.toString());
            batch.forEach(request -> request.send().completeExceptionally(e));
        }
    }

    private record Request(RecallCall call, CompletableFuture<List<ClaimedItem>> send) {
    }
}
