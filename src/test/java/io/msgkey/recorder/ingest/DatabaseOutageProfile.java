package io.msgkey.recorder.ingest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

import io.msgkey.recorder.localdb.TestDatabase;
import io.msgkey.recorder.testing.TcpProxy;
import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * The application reaching the tests' database through a {@link TcpProxy} the test can cut, with a spool directory of
 * its own that already holds a segment and a recording interval "left by a crash" during an outage.
 */
public class DatabaseOutageProfile implements QuarkusTestProfile {

    static final Path SPOOL = Path.of("target/spool/outage");
    /** The recording interval of the instance that crashed while the database was away, never saved. */
    static final String CRASHED_INSTANCE = "instance-crashed-in-an-outage";
    static final Instant CRASHED_FROM = Instant.parse("2024-06-01T10:00:00Z");
    static final Instant CRASHED_LAST_BEAT = Instant.parse("2024-06-01T10:05:00Z");
    static TcpProxy proxy;

    @Override
    public Map<String, String> getConfigOverrides() {
        URI target = URI.create(TestDatabase.get().jdbcUrl().substring("jdbc:".length()));
        try {
            proxy = new TcpProxy(target.getHost(), target.getPort() == -1 ? 5432 : target.getPort());
            resetSpool();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String proxied = "jdbc:postgresql://127.0.0.1:" + proxy.port() + target.getPath()
                + (target.getQuery() == null ? "" : "?" + target.getQuery());
        return Map.of("quarkus.datasource.jdbc.url", proxied, "ingest.spool.dir", SPOOL.toString());
    }

    private static void resetSpool() throws IOException {
        if (Files.exists(SPOOL)) {
            try (Stream<Path> files = Files.walk(SPOOL)) {
                files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
        Files.createDirectories(SPOOL);
        Files.write(SPOOL.resolve("segment-0000000000000007.log"), SpoolLines.of(
                SpoolLines.afterSend("crash-left-1"), SpoolLines.afterSend("crash-left-2"),
                SpoolLines.afterSend("crash-left-3")));
        Files.writeString(SPOOL.resolve("recording-intervals.json"), """
                [{"instance": "%s", "startedAt": "%s", "lastBeat": "%s"}]""".formatted(CRASHED_INSTANCE,
                CRASHED_FROM, CRASHED_LAST_BEAT));
    }
}
