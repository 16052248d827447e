package io.msgkey.recorder.ingest;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.msgkey.recorder.common.ForeignText;

/**
 * The local append-only log that keeps callbacks while PostgreSQL cannot take them. Records are appended to the active
 * segment and synced before anyone is told they are safe; the replayer closes the active segment, replays closed
 * segments oldest first and deletes each once it is in the database. Lines are {@link SpoolLine}s, so one torn by a
 * crash is recognised and skipped rather than replayed half.
 */
@ApplicationScoped
public class Spool {

    private static final Logger LOG = Logger.getLogger(Spool.class);
    private static final String SEGMENT_PREFIX = "segment-";
    private static final String SEGMENT_SUFFIX = ".log";
    private static final String REJECTED = "rejected.log";

    private final Path dir;
    private final ObjectMapper mapper;
    private final AtomicLong depth = new AtomicLong();
    /** Records this spool knows each segment to hold; what it did not write or count is not in the depth. */
    private final Map<Path, Long> counted = new ConcurrentHashMap<>();
    private final Counter corruptLines;
    private final Counter rejected;

    private FileChannel lockChannel;
    private FileLock lock;
    private FileChannel active;
    private Path activePath;
    private long nextSegment;

    Spool(IngestConfig config, ObjectMapper mapper, MeterRegistry registry) {
        this.dir = config.spool().dir();
        this.mapper = mapper;
        this.corruptLines = Counter.builder("ingest.spool.corrupt.lines")
                .description("Spool lines skipped because they were torn or damaged").register(registry);
        this.rejected = Counter.builder("ingest.records.rejected")
                .description("Records PostgreSQL refused on their own, kept in the spool's rejected.log")
                .register(registry);
        registry.gauge("ingest.spool.depth", depth);
    }

    synchronized void open() throws IOException {
        OwnerOnlyFiles.createDirectory(dir);
        lockChannel = OwnerOnlyFiles.open(dir.resolve("spool.lock"), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE);
        lock = lockChannel.tryLock();
        if (lock == null) {
            throw new IllegalStateException("spool directory " + dir.toAbsolutePath() + " is used by another instance");
        }
        List<Path> segments = closedSegments();
        for (Path segment : segments) {
            long lines = countLines(segment);
            counted.put(segment, lines);
            depth.addAndGet(lines);
            nextSegment = Math.max(nextSegment, sequenceOf(segment) + 1);
        }
        if (!segments.isEmpty()) {
            LOG.infof("spool %s holds %d records from an earlier run; they will be replayed", dir, depth.get());
        }
    }

    synchronized void close() throws IOException {
        if (active != null) {
            active.close();
            active = null;
        }
        if (lock != null) {
            lock.release();
            lockChannel.close();
            lock = null;
        }
    }

    /**
     * Appends and syncs to disk; when this returns, the records survive a crash. A write that fails half way is cut
     * back, or its segment sealed, so that the next records never start inside a broken line.
     */
    synchronized void append(List<MessageRecord> records) throws IOException {
        if (active == null) {
            activePath = dir.resolve(SEGMENT_PREFIX + "%016d".formatted(nextSegment++) + SEGMENT_SUFFIX);
            active = OwnerOnlyFiles.open(activePath, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            syncDirectory();
        }
        ByteArrayOutputStream lines = new ByteArrayOutputStream(records.size() * 256);
        for (MessageRecord record : records) {
            lines.writeBytes(SpoolLine.encode(mapper, record));
        }
        ByteBuffer buffer = ByteBuffer.wrap(lines.toByteArray());
        long start = active.position();
        try {
            while (buffer.hasRemaining()) {
                active.write(buffer);
            }
            active.force(false);
        } catch (IOException e) {
            try {
                active.truncate(start);
                active.position(start);
            } catch (IOException cut) {
                e.addSuppressed(cut);
                active.close();
                active = null;
            }
            throw e;
        }
        counted.merge(activePath, (long) records.size(), Long::sum);
        depth.addAndGet(records.size());
    }

    /**
     * Keeps records the database refused on their own in {@code rejected.log}, synced, out of the replay: they would
     * fail again on every attempt and hold up everything after them. An operator can fix and re-post them.
     */
    synchronized void quarantine(List<MessageRecord> records) throws IOException {
        try (FileChannel file = OwnerOnlyFiles.open(dir.resolve(REJECTED), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
            for (MessageRecord record : records) {
                ByteBuffer line = ByteBuffer.wrap(SpoolLine.encode(mapper, record));
                while (line.hasRemaining()) {
                    file.write(line);
                }
                LOG.errorf("PostgreSQL refused the record of %s %s; kept in %s", record.kind(), identity(record),
                        dir.resolve(REJECTED));
            }
            file.force(false);
        }
        rejected.increment(records.size());
    }

    private static String identity(MessageRecord record) {
        if (record.kind().isGroup()) {
            return "in group %s (topic \"%s\") MsgSeq %d".formatted(ForeignText.printable(record.groupId()),
                    ForeignText.printable(record.topicId()), record.msgSeq());
        }
        return "from %s to %s (MsgKey %s)".formatted(ForeignText.printable(record.from()),
                ForeignText.printable(record.to()), ForeignText.printable(record.msgKey()));
    }

    /** Closes the active segment so it can be replayed; new records start a new one. */
    synchronized Optional<Path> sealActiveSegment() throws IOException {
        if (active == null) {
            return Optional.empty();
        }
        active.close();
        active = null;
        return Optional.of(activePath);
    }

    synchronized boolean hasActiveSegment() {
        return active != null;
    }

    long depth() {
        return depth.get();
    }

    /** Opens a closed segment for replay. */
    SpoolSegmentReader read(Path segment) throws IOException {
        return new SpoolSegmentReader(segment, mapper, corruptLines);
    }

    void delete(Path segment) throws IOException {
        Files.deleteIfExists(segment);
        Long records = counted.remove(segment);
        if (records != null) {
            depth.addAndGet(-records);
        }
    }

    /** A new segment's directory entry must be on disk too, or a crash can lose the whole file. */
    private void syncDirectory() throws IOException {
        try (FileChannel directory = FileChannel.open(dir, StandardOpenOption.READ)) {
            directory.force(true);
        }
    }

    /** Segments no longer written to, oldest first. */
    synchronized List<Path> closedSegments() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            List<Path> segments = new ArrayList<>(files.filter(Spool::isSegment).sorted().toList());
            if (active != null) {
                segments.remove(activePath);
            }
            return segments;
        }
    }

    private static boolean isSegment(Path path) {
        String name = path.getFileName().toString();
        return name.startsWith(SEGMENT_PREFIX) && name.endsWith(SEGMENT_SUFFIX);
    }

    private static long sequenceOf(Path segment) {
        String name = segment.getFileName().toString();
        return Long.parseLong(name.substring(SEGMENT_PREFIX.length(), name.length() - SEGMENT_SUFFIX.length()));
    }

    private static long countLines(Path segment) throws IOException {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(segment), 1 << 16)) {
            long lines = 0;
            int b;
            while ((b = in.read()) != -1) {
                if (b == '\n') {
                    lines++;
                }
            }
            return lines;
        }
    }
}
