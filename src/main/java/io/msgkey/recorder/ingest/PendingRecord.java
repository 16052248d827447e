package io.msgkey.recorder.ingest;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

/** A callback waiting to be made durable, by its batch's commit or by the spool, whichever comes first. */
final class PendingRecord {

    private final MessageRecord record;
    private final long deadlineNanos;
    private final CompletableFuture<StoreOutcome> outcome = new CompletableFuture<>();
    private final AtomicBoolean handedToSpool = new AtomicBoolean();

    PendingRecord(MessageRecord record, long deadlineNanos) {
        this.record = record;
        this.deadlineNanos = deadlineNanos;
    }

    MessageRecord record() {
        return record;
    }

    CompletableFuture<StoreOutcome> outcome() {
        return outcome;
    }

    boolean isSettled() {
        return outcome.isDone();
    }

    boolean isPastDeadline(long nowNanos) {
        return nowNanos - deadlineNanos >= 0;
    }

    /** True once only, for an unsettled record: a record is never spooled twice. */
    boolean claimForSpool() {
        return !outcome.isDone() && handedToSpool.compareAndSet(false, true);
    }
}
