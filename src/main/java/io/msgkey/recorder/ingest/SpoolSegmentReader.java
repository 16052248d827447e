package io.msgkey.recorder.ingest;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.micrometer.core.instrument.Counter;

/** Reads a spool segment's records in order, skipping (with a warning, and counted) lines torn or damaged. */
final class SpoolSegmentReader implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(SpoolSegmentReader.class);

    private final Path segment;
    private final ObjectMapper mapper;
    private final Counter corruptLines;
    private final InputStream in;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream(512);
    private long lineNumber;

    SpoolSegmentReader(Path segment, ObjectMapper mapper, Counter corruptLines) throws IOException {
        this.segment = segment;
        this.mapper = mapper;
        this.corruptLines = corruptLines;
        this.in = new BufferedInputStream(Files.newInputStream(segment), 1 << 16);
    }

    /** The next intact record, or null at the end of the segment. */
    MessageRecord next() throws IOException {
        int b;
        while ((b = in.read()) != -1) {
            if (b != '\n') {
                line.write(b);
                continue;
            }
            lineNumber++;
            Optional<MessageRecord> record = SpoolLine.decode(mapper, line.toByteArray());
            line.reset();
            if (record.isPresent()) {
                return record.get();
            }
            corruptLines.increment();
            LOG.warnf("spool %s line %d is damaged (checksum or format); skipped", segment.getFileName(),
                    lineNumber);
        }
        if (line.size() > 0) {
            corruptLines.increment();
            LOG.warnf("spool %s ends in a torn line (%d bytes, probably cut by a crash); skipped",
                    segment.getFileName(), line.size());
            line.reset();
        }
        return null;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
