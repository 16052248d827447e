package io.msgkey.recorder.audit;

import java.time.Clock;
import java.util.List;
import java.util.function.Consumer;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.msgkey.recorder.common.KeysetCursor;
import io.msgkey.recorder.common.KeysetCursors;

/**
 * Writes the audit trail. Entries join the caller's transaction, so an act and its record commit or fail together:
 * there is no recall without its trace, and no trace of a recall that did not happen.
 */
@ApplicationScoped
public class AuditLog {

    /** The actor of acts the service does by itself, such as pausing a job on a configuration error. */
    public static final String SYSTEM = "system";

    private final Clock clock;
    private final ObjectMapper mapper;
    private final KeysetCursors cursors;

    AuditLog(Clock clock, ObjectMapper mapper, KeysetCursors cursors) {
        this.clock = clock;
        this.mapper = mapper;
        this.cursors = cursors;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public AuditEntry append(String actor, AuditAction action, Consumer<AuditEntry> details) {
        AuditEntry entry = new AuditEntry();
        entry.occurredAt = clock.instant();
        entry.actor = actor;
        entry.action = action;
        details.accept(entry);
        entry.persist();
        return entry;
    }

    public JsonNode json(Object value) {
        return mapper.valueToTree(value);
    }

    @Transactional
    public AuditPage page(AuditQuery query, int limit) {
        List<AuditEntry> entries = AuditEntry.page(query, limit + 1);
        String next = null;
        if (entries.size() > limit) {
            entries = entries.subList(0, limit);
            AuditEntry last = entries.get(limit - 1);
            next = cursors.encode(new KeysetCursor(last.occurredAt, last.id), query.fingerprint());
        }
        return new AuditPage(entries.stream().map(AuditEntryView::of).toList(), next);
    }

    /** Exporting the trail is itself an act worth a trace. */
    @Transactional
    public void exported(String actor, AuditQuery query) {
        append(actor, AuditAction.AUDIT_EXPORTED, entry -> entry.detail = "CSV of " + query.fingerprint());
    }
}
