package io.msgkey.recorder.recording;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The recording intervals the database has not taken yet, in a small file beside the spool: the spool keeps what was
 * received while the database was away, and this file keeps when it was being received, so that a crash during an
 * outage loses neither. Replaced atomically and synced, like a spool segment.
 */
final class UnsavedIntervals {

    private final Path file;
    private final ObjectMapper mapper;

    UnsavedIntervals(Path directory, ObjectMapper mapper) {
        this.file = directory.resolve("recording-intervals.json");
        this.mapper = mapper;
    }

    /** What an earlier run left unsaved; empty when it saved everything (or the file is unreadable). */
    List<RecordingInterval> read() throws IOException {
        if (!Files.exists(file)) {
            return List.of();
        }
        return Arrays.asList(mapper.readValue(file.toFile(), RecordingInterval[].class));
    }

    void write(List<RecordingInterval> intervals) throws IOException {
        Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
        try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.CREATE,
                StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
            channel.write(ByteBuffer.wrap(mapper.writeValueAsBytes(intervals)));
            channel.force(true);
        }
        Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        try (FileChannel directory = FileChannel.open(file.getParent(), StandardOpenOption.READ)) {
            directory.force(true);
        }
    }

    void clear() throws IOException {
        Files.deleteIfExists(file);
    }
}
