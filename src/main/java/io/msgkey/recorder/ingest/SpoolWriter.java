package io.msgkey.recorder.ingest;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

/**
 * Group commit for the spool: one thread appends whatever records are waiting and syncs them with one fsync, then
 * acknowledges them all, so a burst of spooled callbacks costs a few disk syncs rather than one each.
 */
@ApplicationScoped
class SpoolWriter {

    private static final Logger LOG = Logger.getLogger(SpoolWriter.class);

    private final Spool spool;
    private final BlockingQueue<PendingRecord> waiting = new LinkedBlockingQueue<>();
    private volatile boolean running;
    private Thread thread;

    SpoolWriter(Spool spool) {
        this.spool = spool;
    }

    void start() {
        running = true;
        thread = Thread.ofPlatform().name("spool-writer").daemon().start(this::run);
    }

    /** Stops after everything handed over so far is on disk. */
    void stop() throws InterruptedException {
        running = false;
        thread.join(TimeUnit.SECONDS.toMillis(10));
    }

    /** Hands over the records of a batch that have not been made durable yet. */
    void spool(List<PendingRecord> records) {
        for (PendingRecord record : records) {
            if (record.claimForSpool()) {
                waiting.add(record);
            }
        }
    }

    private void run() {
        List<PendingRecord> group = new ArrayList<>();
        while (running || !waiting.isEmpty()) {
            try {
                PendingRecord first = waiting.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                group.add(first);
                waiting.drainTo(group);
                write(group);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } finally {
                group.clear();
            }
        }
    }

    private void write(List<PendingRecord> group) {
        try {
            spool.append(group.stream().map(PendingRecord::record).toList());
            group.forEach(record -> record.outcome().complete(StoreOutcome.SPOOLED));
        } catch (IOException | RuntimeException e) {
            LOG.errorf(e, "could not spool %d callbacks; they are not stored", group.size());
            group.forEach(record -> record.outcome().completeExceptionally(new RecordNotStored(e)));
        }
    }
}
