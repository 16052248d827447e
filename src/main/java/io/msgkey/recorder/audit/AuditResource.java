package io.msgkey.recorder.audit;

import java.time.Instant;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.StreamingOutput;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestQuery;
import org.jboss.resteasy.reactive.RestResponse;

import io.msgkey.recorder.common.ApiException;
import io.msgkey.recorder.common.Csv;
import io.msgkey.recorder.common.CsvExport;
import io.msgkey.recorder.common.EnumParameter;
import io.msgkey.recorder.common.InstantParameter;
import io.msgkey.recorder.common.KeysetCursors;
import io.msgkey.recorder.common.PageLimit;
import io.msgkey.recorder.common.TextParameter;
import io.msgkey.recorder.security.Roles;
import io.quarkus.security.identity.SecurityIdentity;

@Path("/api/audit")
@RolesAllowed(Roles.AUDITOR)
@Tag(name = "Audit log")
public class AuditResource {

    private final AuditLog audit;
    private final SecurityIdentity identity;
    private final KeysetCursors cursors;

    AuditResource(AuditLog audit, SecurityIdentity identity, KeysetCursors cursors) {
        this.audit = audit;
        this.identity = identity;
        this.cursors = cursors;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The audit log, newest first, by time range (since inclusive, until exclusive), actor "
            + "and action")
    public AuditPage page(@RestQuery String since, @RestQuery String until, @RestQuery String actor,
            @RestQuery String action, @RestQuery String limit, @RestQuery String cursor) {
        AuditQuery query = query(since, until, actor, action);
        return audit.page(query.after(cursors.decode(cursor, query.fingerprint())), PageLimit.parse(limit));
    }

    @GET
    @Produces(Csv.MEDIA_TYPE_SECOND_CHOICE)
    @Operation(summary = "The matching audit log as CSV")
    public RestResponse<StreamingOutput> csv(@RestQuery String since, @RestQuery String until,
            @RestQuery String actor, @RestQuery String action) {
        AuditQuery first = query(since, until, actor, action);
        audit.exported(identity.getPrincipal().getName(), first);
        return CsvExport.download("audit.csv",
                List.of("id", "occurred_at", "actor", "action", "job_id", "filter", "result_count", "reason", "detail"),
                cursor -> audit.page(first.after(cursors.decode(cursor, first.fingerprint())),
                        CsvExport.PAGE_SIZE),
                (AuditEntryView entry) -> new Object[] { entry.id(), entry.occurredAt(), entry.actor(), entry.action(),
                        entry.jobId(), entry.filter(), entry.resultCount(), entry.reason(), entry.detail() });
    }

    private static AuditQuery query(String since, String until, String actor, String action) {
        Instant from = InstantParameter.parse("since", since);
        Instant to = InstantParameter.parse("until", until);
        if (from != null && to != null && !to.isAfter(from)) {
            throw ApiException.badParameter("until", "until must be later than since");
        }
        return new AuditQuery(from, to, TextParameter.optional("actor", actor),
                EnumParameter.optional("action", action, AuditAction.class, Enum::name).orElse(null), null);
    }

}
