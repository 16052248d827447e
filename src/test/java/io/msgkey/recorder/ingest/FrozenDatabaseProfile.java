package io.msgkey.recorder.ingest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.Map;

import io.msgkey.recorder.localdb.TestDatabase;
import io.msgkey.recorder.testing.TcpProxy;
import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * The application reaching the tests' database through a {@link TcpProxy} the test can freeze, with a spool directory of its
 * own, a small in-memory queue so that a test can see it stay within its bound, and one writer, so that nothing but
 * the writer's own timeouts can free the write path once its connection hangs.
 */
public class FrozenDatabaseProfile implements QuarkusTestProfile {

    static final int QUEUE_CAPACITY = 50;
    static TcpProxy proxy;

    @Override
    public Map<String, String> getConfigOverrides() {
        URI target = URI.create(TestDatabase.get().jdbcUrl().substring("jdbc:".length()));
        try {
            proxy = new TcpProxy(target.getHost(), target.getPort() == -1 ? 5432 : target.getPort());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String proxied = "jdbc:postgresql://127.0.0.1:" + proxy.port() + target.getPath()
                + (target.getQuery() == null ? "" : "?" + target.getQuery());
        return Map.of("quarkus.datasource.jdbc.url", proxied, "ingest.spool.dir", "target/spool/frozen",
                "ingest.batch.writers", "1", "ingest.queue.capacity", Integer.toString(QUEUE_CAPACITY));
    }
}
