package io.msgkey.recorder.ingest;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLongArray;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;

/**
 * The write path. Callbacks queue here; writer threads take whatever has gathered and commit it as one batch, and each
 * callback is answered once its batch committed. A callback not committed within the commit timeout, or whose batch
 * failed, goes to the spool instead, so a slow or absent database never holds an answer past Tencent's timeout. The
 * queue is bounded: when the writers fall behind (a database that stalls without failing), callbacks go straight to
 * the spool, and a batch outstanding for longer than twice the commit timeout marks the database as stalled.
 */
@ApplicationScoped
public class GroupCommitWriter {

    private static final Logger LOG = Logger.getLogger(GroupCommitWriter.class);
    private static final long IDLE = Long.MIN_VALUE;

    private final MessageStore store;
    private final Spool spool;
    private final SpoolWriter spoolWriter;
    private final int maxBatch;
    private final long maxWaitNanos;
    private final int writerCount;
    private final long commitTimeoutNanos;
    private final BlockingQueue<PendingRecord> queue;
    private final Queue<PendingRecord> byDeadline = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean databaseFailing = new AtomicBoolean();
    private final AtomicBoolean queueFull = new AtomicBoolean();
    private final List<Thread> writers = new ArrayList<>();
    /** When each writer's batch in hand was started, or {@link #IDLE}. */
    private final AtomicLongArray batchStarted;
    private final Counter overflow;
    private final Timer storedLatency;
    private final Timer spooledLatency;
    private final DistributionSummary batchSizes;
    private ScheduledExecutorService deadlines;
    private volatile boolean running;

    GroupCommitWriter(MessageStore store, Spool spool, SpoolWriter spoolWriter, IngestConfig config,
            MeterRegistry registry) {
        this.store = store;
        this.spool = spool;
        this.spoolWriter = spoolWriter;
        this.maxBatch = config.batch().maxSize();
        this.maxWaitNanos = config.batch().maxWait().toNanos();
        this.writerCount = config.batch().writers();
        this.commitTimeoutNanos = config.batch().commitTimeout().toNanos();
        this.queue = new LinkedBlockingQueue<>(config.queue().capacity());
        this.batchStarted = new AtomicLongArray(writerCount);
        for (int i = 0; i < writerCount; i++) {
            batchStarted.set(i, IDLE);
        }
        this.storedLatency = latency(registry, "stored");
        this.spooledLatency = latency(registry, "spooled");
        this.batchSizes = DistributionSummary.builder("ingest.batch.size").description("Callbacks per committed batch")
                .publishPercentiles(0.5, 0.99).register(registry);
        registry.gauge("ingest.queue.depth", queue, BlockingQueue::size);
        this.overflow = Counter.builder("ingest.queue.overflow")
                .description("Callbacks spooled at once because the in-memory queue was full").register(registry);
    }

    private static Timer latency(MeterRegistry registry, String outcome) {
        return Timer.builder("ingest.store.latency").description("From a callback's arrival to its durable storage")
                .tag("outcome", outcome).publishPercentiles(0.5, 0.99).register(registry);
    }

    void start(@Observes @Priority(10) StartupEvent event) throws IOException {
        spool.open();
        spoolWriter.start();
        running = true;
        for (int i = 0; i < writerCount; i++) {
            int writer = i;
            writers.add(Thread.ofPlatform().name("ingest-writer-" + i).daemon().start(() -> writeLoop(writer)));
        }
        deadlines = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("ingest-deadlines").daemon()
                .factory());
        deadlines.scheduleWithFixedDelay(this::spoolOverdue, 20, 20, TimeUnit.MILLISECONDS);
    }

    /** Runs after the HTTP server stopped taking requests: writes what is queued, spooling what cannot be written. */
    void stop(@Observes @Priority(10) ShutdownEvent event) throws InterruptedException, IOException {
        running = false;
        for (Thread writer : writers) {
            writer.join(TimeUnit.SECONDS.toMillis(10));
        }
        deadlines.shutdownNow();
        spoolWriter.spool(List.copyOf(queue));
        spoolWriter.stop();
        spool.close();
    }

    /**
     * Completes once the record is committed or spooled; fails only if neither was possible. The stage is a copy:
     * whatever a caller does with it (a timeout, say) cannot settle the record itself.
     */
    public CompletionStage<StoreOutcome> submit(MessageRecord record) {
        long start = System.nanoTime();
        PendingRecord pending = new PendingRecord(record, start + commitTimeoutNanos);
        pending.outcome().whenComplete((outcome, failure) -> {
            if (outcome != null) {
                (outcome == StoreOutcome.STORED ? storedLatency : spooledLatency).record(System.nanoTime() - start,
                        TimeUnit.NANOSECONDS);
            }
        });
        if (!running) {
            spoolWriter.spool(List.of(pending));
        } else if (queue.offer(pending)) {
            byDeadline.add(pending);
        } else {
            overflow.increment();
            if (queueFull.compareAndSet(false, true)) {
                LOG.warnf("%d callbacks wait for the database: spooling new ones at once until it catches up",
                        queue.size());
            }
            spoolWriter.spool(List.of(pending));
        }
        return pending.outcome().copy();
    }

    /** True while batches fail: the database is unreachable or refusing writes. */
    public boolean isDatabaseFailing() {
        return databaseFailing.get();
    }

    /** True while a batch has been waiting for the database for more than twice the commit timeout. */
    public boolean isDatabaseStalled() {
        long now = System.nanoTime();
        for (int i = 0; i < batchStarted.length(); i++) {
            long started = batchStarted.get(i);
            if (started != IDLE && now - started > 2 * commitTimeoutNanos) {
                return true;
            }
        }
        return false;
    }

    private void writeLoop(int writer) {
        List<PendingRecord> batch = new ArrayList<>(maxBatch);
        while (running || !queue.isEmpty()) {
            try {
                if (takeBatch(batch)) {
                    batchStarted.set(writer, System.nanoTime());
                    write(batch);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } finally {
                batchStarted.set(writer, IDLE);
                batch.clear();
            }
        }
    }

    private boolean takeBatch(List<PendingRecord> batch) throws InterruptedException {
        PendingRecord first = queue.poll(100, TimeUnit.MILLISECONDS);
        if (first == null) {
            return false;
        }
        batch.add(first);
        queue.drainTo(batch, maxBatch - 1);
        long lingerUntil = System.nanoTime() + maxWaitNanos;
        while (batch.size() < maxBatch) {
            PendingRecord next = queue.poll(lingerUntil - System.nanoTime(), TimeUnit.NANOSECONDS);
            if (next == null) {
                break;
            }
            batch.add(next);
            queue.drainTo(batch, maxBatch - batch.size());
        }
        batch.removeIf(PendingRecord::isSettled);
        return !batch.isEmpty();
    }

    private void write(List<PendingRecord> batch) {
        try {
            store.write(batch.stream().map(PendingRecord::record).toList());
            batch.forEach(pending -> pending.outcome().complete(StoreOutcome.STORED));
            batchSizes.record(batch.size());
            if (databaseFailing.compareAndSet(true, false)) {
                LOG.info("database writes succeed again");
            }
            if (queue.isEmpty() && queueFull.compareAndSet(true, false)) {
                LOG.info("the database has caught up with the queued callbacks");
            }
        } catch (Exception e) {
            if (MessageStore.isRefusal(e)) {
                isolate(batch);
                return;
            }
            if (databaseFailing.compareAndSet(false, true)) {
                LOG.warnf("database write failed, spooling callbacks until it recovers: %s", e.toString());
            } else {
                LOG.debugf(e, "database write failed again; %d callbacks spooled", batch.size());
            }
            spoolWriter.spool(batch);
        }
    }

    /** The database refused the batch for its content: store what it takes, quarantine the rest. */
    private void isolate(List<PendingRecord> batch) {
        try {
            List<MessageRecord> refused = store.writeEach(batch.stream().map(PendingRecord::record).toList());
            spool.quarantine(refused);
            for (PendingRecord pending : batch) {
                boolean isRefused = refused.stream().anyMatch(record -> record == pending.record());
                pending.outcome().complete(isRefused ? StoreOutcome.QUARANTINED : StoreOutcome.STORED);
            }
        } catch (Exception e) {
            LOG.warnf("could not isolate a refused batch; spooling it: %s", e.toString());
            spoolWriter.spool(batch);
        }
    }

    /** Deadlines grow in queue order, so the scan stops at the first record that is neither settled nor late. */
    private void spoolOverdue() {
        long now = System.nanoTime();
        List<PendingRecord> late = new ArrayList<>();
        PendingRecord head;
        while ((head = byDeadline.peek()) != null && (head.isSettled() || head.isPastDeadline(now))) {
            byDeadline.poll();
            if (!head.isSettled()) {
                late.add(head);
            }
        }
        if (!late.isEmpty()) {
            LOG.debugf("%d callbacks not committed within the commit timeout; spooling them", late.size());
            spoolWriter.spool(late);
        }
    }
}
