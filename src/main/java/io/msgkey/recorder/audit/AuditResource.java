package io.msgkey.recorder.audit;

import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Locale;

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

    private static final int CSV_CHUNK = 1000;

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
        StreamingOutput csv = output -> {
            Writer out = new BufferedWriter(new OutputStreamWriter(output, StandardCharsets.UTF_8));
            Csv.row(out, "id", "occurred_at", "actor", "action", "job_id", "filter", "result_count", "reason",
                    "detail");
            AuditQuery query = first;
            while (true) {
                AuditPage page = audit.page(query, CSV_CHUNK);
                for (AuditEntryView entry : page.items()) {
                    Csv.row(out, entry.id(), entry.occurredAt(), entry.actor(), entry.action(), entry.jobId(),
                            entry.filter(), entry.resultCount(), entry.reason(), entry.detail());
                }
                if (page.nextCursor() == null) {
                    break;
                }
                query = first.after(cursors.decode(page.nextCursor(), first.fingerprint()));
            }
            out.flush();
        };
        return RestResponse.ResponseBuilder.ok(csv, Csv.MEDIA_TYPE)
                .header("Content-Disposition", "attachment; filename=\"audit.csv\"").build();
    }

    private static AuditQuery query(String since, String until, String actor, String action) {
        Instant from = InstantParameter.parse("since", since);
        Instant to = InstantParameter.parse("until", until);
        if (from != null && to != null && !to.isAfter(from)) {
            throw ApiException.badParameter("until", "until must be later than since");
        }
        return new AuditQuery(from, to, TextParameter.optional("actor", actor), action(action), null);
    }

    private static AuditAction action(String action) {
        if (action == null || action.isBlank()) {
            return null;
        }
        return Arrays.stream(AuditAction.values()).filter(a -> a.name().equals(action.trim().toUpperCase(Locale.ROOT)))
                .findFirst().orElseThrow(() -> ApiException.badParameter("action",
                        "action must be one of " + Arrays.toString(AuditAction.values())));
    }

}
