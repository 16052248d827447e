package io.msgkey.recorder.imports;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.micrometer.core.instrument.MeterRegistry;
import io.msgkey.recorder.common.ApiException;
import io.msgkey.recorder.ingest.GroupCommitWriter;
import io.msgkey.recorder.ingest.IngestConfig;
import io.msgkey.recorder.ingest.MessageRecord;
import io.msgkey.recorder.ingest.StoreOutcome;

/**
 * Records imported exchanges through the callbacks' own write path: group commit, the spool when the database is
 * away. An answer counts a record only once it is committed or synced to the spool. Records go to the writer one
 * write batch at a time, so that a large import neither fills its queue nor overruns the commit timeout into the
 * spool while the database is well.
 */
@ApplicationScoped
class ImportService {

    private static final Logger LOG = Logger.getLogger(ImportService.class);
    /** Far beyond the write path's own bound (commit timeout, then the spool's sync): only a stuck spool reaches it. */
    private static final long CHUNK_TIMEOUT_SECONDS = 30;
    private static final String QUARANTINED = "refused by the database for its content; kept in the spool "
            + "directory's rejected.log for an operator";

    private final GroupCommitWriter writer;
    private final int chunkSize;
    private final MeterRegistry registry;

    ImportService(GroupCommitWriter writer, IngestConfig config, MeterRegistry registry) {
        this.writer = writer;
        this.chunkSize = config.batch().maxSize();
        this.registry = registry;
    }

    ImportResult record(List<ExchangeRecords> exchanges) {
        List<NotRecorded> notRecorded = new ArrayList<>();
        List<Imported> records = new ArrayList<>();
        for (ExchangeRecords exchange : exchanges) {
            notRecorded.addAll(exchange.notRecorded());
            exchange.records().forEach(record -> records.add(new Imported(exchange.exchange(), record)));
        }
        count("not_recorded", notRecorded.size());
        int recorded = 0;
        for (int start = 0; start < records.size(); start += chunkSize) {
            List<Imported> chunk = records.subList(start, Math.min(records.size(), start + chunkSize));
            List<StoreOutcome> outcomes = store(chunk);
            for (int i = 0; i < chunk.size(); i++) {
                if (outcomes.get(i) == StoreOutcome.QUARANTINED) {
                    notRecorded.add(new NotRecorded(chunk.get(i).exchange(), chunk.get(i).record().to(), QUARANTINED));
                } else {
                    recorded++;
                }
                count(outcomes.get(i).name().toLowerCase(Locale.ROOT), 1);
            }
        }
        return new ImportResult(recorded, notRecorded);
    }

    private List<StoreOutcome> store(List<Imported> chunk) {
        List<CompletableFuture<StoreOutcome>> pending = chunk.stream()
                .map(imported -> writer.submit(imported.record()).toCompletableFuture()).toList();
        try {
            CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new)).get(CHUNK_TIMEOUT_SECONDS,
                    TimeUnit.SECONDS);
            return pending.stream().map(CompletableFuture::join).toList();
        } catch (ExecutionException | TimeoutException e) {
            LOG.errorf(e, "could not store %d imported records", chunk.size());
            throw unavailable();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unavailable();
        }
    }

    private static ApiException unavailable() {
        return new ApiException(503, "the import could not be stored: the database and the spool are unavailable. "
                + "Send it again later; importing an exchange twice records it once", null);
    }

    private void count(String outcome, int n) {
        if (n > 0) {
            registry.counter("imports.records", "outcome", outcome).increment(n);
        }
    }

    private record Imported(int exchange, MessageRecord record) {
    }
}
