package io.msgkey.recorder.audit;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;

/** One audited act as the API shows it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AuditEntryView(long id, Instant occurredAt, String actor, AuditAction action, Long jobId,
        JsonNode filter, Long resultCount, String reason, String detail) {

    static AuditEntryView of(AuditEntry entry) {
        return new AuditEntryView(entry.id, entry.occurredAt, entry.actor, entry.action, entry.jobId, entry.filter,
                entry.resultCount, entry.reason, entry.detail);
    }
}
