package io.msgkey.recorder.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.msgkey.recorder.testing.Messages;
import io.msgkey.recorder.testing.Rows;
import io.quarkus.test.junit.QuarkusTest;

/** A second write path of its own, stopped with records still queued: every one of them must end up stored. */
@QuarkusTest
class GroupCommitShutdownTest {

    @Inject
    MessageStore store;

    @Inject
    ObjectMapper mapper;

    @Inject
    AgroalDataSource dataSource;

    @Test
    void stoppingDrainsWhatIsQueued() throws Exception {
        Path dir = Files.createTempDirectory(Path.of("target"), "spool-drain");
        IngestConfig config = IngestConfigs.withSpool(dir, 5000);
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        Spool spool = new Spool(config, mapper, registry);
        GroupCommitWriter writer = new GroupCommitWriter(store, spool, new SpoolWriter(spool), config, registry);
        writer.start(null);

        String prefix = Messages.unique("drain");
        List<CompletableFuture<StoreOutcome>> outcomes = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            outcomes.add(writer.submit(SpoolLines.afterSend(prefix + "-" + i)).toCompletableFuture());
        }
        writer.stop(null);

        assertThat(outcomes).allSatisfy(outcome -> assertThat(outcome).isCompletedWithValueMatching(
                value -> value == StoreOutcome.STORED || value == StoreOutcome.SPOOLED));
        long stored = outcomes.stream().filter(outcome -> outcome.join() == StoreOutcome.STORED).count();
        assertThat(Rows.count(dataSource, "SELECT count(*) FROM message WHERE msg_key LIKE ?", prefix + "-%"))
                .isEqualTo(stored);
        assertThat(spool.depth()).isEqualTo(2000 - stored);
    }
}
