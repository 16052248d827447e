package io.msgkey.recorder.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/** Spooled callbacks name who wrote to whom: nobody but the service's own account may read them. */
class SpoolPermissionsTest {

    @TempDir
    Path parent;

    @Test
    void spoolDirectorySegmentsLockAndRejectedLogAreOwnerOnly() throws IOException {
        Path dir = parent.resolve("data/spool");
        Spool spool = spool(dir);
        spool.open();
        try {
            spool.append(List.of(SpoolLines.afterSend("perm-1")));
            spool.quarantine(List.of(SpoolLines.afterSend("perm-2")));
        } finally {
            spool.close();
        }

        assertThat(permissions(dir)).isEqualTo("rwx------");
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.toList()).hasSize(3).allSatisfy(file -> assertThat(permissions(file)).as(file.toString())
                    .isEqualTo("rw-------"));
        }
    }

    @Test
    void anExistingDirectoryOpenToOthersIsClosedToThem() throws IOException {
        Path dir = Files.createDirectories(parent.resolve("spool"));
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        Spool spool = spool(dir);
        spool.open();
        spool.close();
        assertThat(permissions(dir)).isEqualTo("rwx------");
    }

    private static String permissions(Path path) {
        try {
            return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Spool spool(Path dir) {
        return new Spool(IngestConfigs.withSpool(dir, 5000),
                new ObjectMapper().registerModule(new JavaTimeModule()), new SimpleMeterRegistry());
    }
}
