package io.msgkey.recorder.ingest;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.scheduler.Scheduled.ConcurrentExecution;

/**
 * Moves spooled callbacks into PostgreSQL once it takes writes again: segments oldest first, lines in order, in
 * batches through the same idempotent upsert as live traffic. A segment is deleted only when all of it is in the
 * database; a replay cut short resumes after the last committed batch (or from the start after a restart, which the
 * upsert makes harmless).
 */
@ApplicationScoped
public class SpoolReplayer {

    private static final Logger LOG = Logger.getLogger(SpoolReplayer.class);

    private final Spool spool;
    private final MessageStore store;
    private final int batchSize;
    private final Counter replayed;
    private final Map<Path, Long> committedRecords = new HashMap<>();

    SpoolReplayer(Spool spool, MessageStore store, IngestConfig config, MeterRegistry registry) {
        this.spool = spool;
        this.store = store;
        this.batchSize = config.batch().maxSize();
        this.replayed = Counter.builder("ingest.spool.replayed").description("Spooled callbacks written to the database")
                .register(registry);
    }

    @Scheduled(every = "${ingest.spool.replay-interval}", delayed = "1s", concurrentExecution = ConcurrentExecution.SKIP)
    void replayOnSchedule() {
        if (spool.depth() > 0 || spool.hasActiveSegment()) {
            replay();
        }
    }

    /** Spooled callbacks written to the database since start. */
    public long replayedSinceStart() {
        return (long) replayed.count();
    }

    /**
     * Returns true when everything spooled before the call is in the database. The active segment is sealed only once
     * older ones are replayed, so an outage does not leave a trail of one segment per attempt.
     */
    public synchronized boolean replay() {
        try {
            for (Path segment : spool.closedSegments()) {
                if (!replay(segment)) {
                    return false;
                }
            }
            Optional<Path> sealed = spool.sealActiveSegment();
            return sealed.isEmpty() || replay(sealed.get());
        } catch (IOException e) {
            LOG.errorf(e, "could not read the spool");
            return false;
        }
    }

    private boolean replay(Path segment) throws IOException {
        long committed = committedRecords.getOrDefault(segment, 0L);
        long seen = 0;
        List<MessageRecord> batch = new ArrayList<>(batchSize);
        try (SpoolSegmentReader reader = spool.read(segment)) {
            MessageRecord record;
            while ((record = reader.next()) != null) {
                if (seen++ < committed) {
                    continue;
                }
                batch.add(record);
                if (batch.size() == batchSize && !commit(segment, batch)) {
                    return false;
                }
            }
            if (!commit(segment, batch)) {
                return false;
            }
        }
        spool.delete(segment);
        committedRecords.remove(segment);
        LOG.infof("replayed %d spooled callbacks from %s", seen, segment.getFileName());
        return true;
    }

    private boolean commit(Path segment, List<MessageRecord> batch) {
        if (batch.isEmpty()) {
            return true;
        }
        try {
            store.write(batch);
        } catch (SQLException | RuntimeException e) {
            if (!MessageStore.isRefusal(e)) {
                LOG.debugf(e, "replay of %s paused; the database is not taking writes", segment.getFileName());
                return false;
            }
            try {
                spool.quarantine(store.writeEach(batch));
            } catch (SQLException | IOException | RuntimeException again) {
                LOG.debugf(again, "replay of %s paused while isolating a refused record", segment.getFileName());
                return false;
            }
        }
        committedRecords.merge(segment, (long) batch.size(), Long::sum);
        replayed.increment(batch.size());
        batch.clear();
        return true;
    }
}
