package io.msgkey.recorder.recording;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.msgkey.recorder.ingest.IngestConfig;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.scheduler.Scheduled.ConcurrentExecution;

/**
 * Notes, every few seconds, that this instance is accepting callbacks: that it can make one durable, in PostgreSQL or
 * in the spool. A beat that cannot reach the database is kept in memory and in a file beside the spool, and written
 * once the database is back: an outage spent spooling is covered by the interval, not a gap. A beat that could reach
 * neither ends the interval; the next good one starts another. The last beat is made at shutdown, once the HTTP
 * server has stopped taking callbacks.
 */
@ApplicationScoped
public class RecordingHeartbeat {

    private static final Logger LOG = Logger.getLogger(RecordingHeartbeat.class);

    private final RecordingIntervals intervals;
    private final Clock clock;
    private final Path spoolDir;
    private final UnsavedIntervals unsavedFile;
    private final String instance = "instance-" + UUID.randomUUID();
    private final List<RecordingInterval> unsaved = new ArrayList<>();
    private RecordingInterval current;
    private boolean beating;

    RecordingHeartbeat(RecordingIntervals intervals, Clock clock, IngestConfig ingest, ObjectMapper mapper) {
        this.intervals = intervals;
        this.clock = clock;
        this.spoolDir = ingest.spool().dir();
        this.unsavedFile = new UnsavedIntervals(spoolDir, mapper);
    }

    /** After the spool is open (priority 10): the spool directory is this instance's. */
    synchronized void onStart(@Observes @Priority(20) StartupEvent event) {
        try {
            List<RecordingInterval> left = unsavedFile.read();
            if (!left.isEmpty()) {
                LOG.infof("%d recording intervals of an earlier run were not saved yet; saving them", left.size());
                unsaved.addAll(left);
            }
        } catch (IOException e) {
            LOG.warnf("could not read the unsaved recording intervals of an earlier run: %s", e.toString());
        }
        start();
    }

    /** Before the write path stops (priority 10): callbacks were accepted up to now. */
    void onStop(@Observes @Priority(5) ShutdownEvent event) {
        stop();
    }

    /** Starts beating: the next beat opens a new interval. */
    public synchronized void start() {
        beating = true;
        beat();
    }

    /** A last beat, then no more: the interval ends now, as when the instance stops. */
    public synchronized void stop() {
        beat();
        beating = false;
        current = null;
    }

    @Scheduled(every = "${recording.heartbeat-interval}", concurrentExecution = ConcurrentExecution.SKIP)
    synchronized void beat() {
        if (!beating) {
            return;
        }
        Instant now = clock.instant();
        RecordingInterval before = current;
        current = current == null ? new RecordingInterval(instance, now, now) : current.beatAt(now);
        List<RecordingInterval> toSave = new ArrayList<>(unsaved);
        toSave.add(current);
        try {
            intervals.save(toSave);
            unsaved.clear();
            unsavedFile.clear();
            return;
        } catch (SQLException | RuntimeException | IOException e) {
            LOG.debugf("recording beat not saved in the database yet: %s", e.toString());
        }
        if (Files.isWritable(spoolDir) && keep(toSave)) {
            return;
        }
        // Neither the database nor the spool could take a callback now: this instance is not accepting them.
        current = null;
        if (before != null) {
            unsaved.add(before);
        }
        LOG.warnf("neither the database nor the spool is writable: recording interval ended at %s",
                before == null ? now : before.lastBeat());
    }

    private boolean keep(List<RecordingInterval> toSave) {
        try {
            unsavedFile.write(toSave);
            return true;
        } catch (IOException e) {
            LOG.debugf("could not keep the recording beat beside the spool: %s", e.toString());
            return false;
        }
    }
}
