package io.msgkey.recorder.recall;

import java.net.URI;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.StreamingOutput;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;
import org.jboss.resteasy.reactive.RestResponse;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;

import io.msgkey.recorder.common.ApiException;
import io.msgkey.recorder.common.Csv;
import io.msgkey.recorder.common.CsvExport;
import io.msgkey.recorder.common.PageLimit;
import io.msgkey.recorder.security.Roles;
import io.quarkus.security.identity.SecurityIdentity;

@Path("/api/recall-jobs")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Recall jobs")
public class RecallJobResource {

    private final RecallJobService jobs;
    private final RecallJobQueries queries;
    private final RecallFreezer freezer;
    private final SecurityIdentity identity;
    private final ObjectMapper mapper;

    RecallJobResource(RecallJobService jobs, RecallJobQueries queries, RecallFreezer freezer,
            SecurityIdentity identity, ObjectMapper mapper) {
        this.jobs = jobs;
        this.queries = queries;
        this.freezer = freezer;
        this.identity = identity;
        this.mapper = mapper;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.MODERATOR)
    @Operation(summary = "Create a recall job", description = "Freezes the messages the filter matches now (201), "
            + "or, for a selection too big to freeze at once, answers 202 with the job FREEZING and freezes it in the "
            + "background. Nothing is recalled until the job is confirmed, unless confirm is true.")
    public RestResponse<RecallJobView> create(RecallJobRequest request) {
        RecallJobView job = jobs.create(request, actor());
        URI location = URI.create("/api/recall-jobs/" + job.id());
        if (job.state() == RecallJobState.FREEZING) {
            freezer.wake();
            return RestResponse.ResponseBuilder.<RecallJobView> accepted().location(location).entity(job).build();
        }
        return RestResponse.ResponseBuilder.<RecallJobView> created(location).entity(job).build();
    }

    @POST
    @Path("/{id}/confirm")
    @Consumes(MediaType.WILDCARD)
    @RolesAllowed(Roles.MODERATOR)
    @Operation(summary = "Start a job awaiting confirmation, or resume a paused one", description = "The body, "
            + "{\"expectedTotal\": n}, is optional; when given it must equal the job's total.")
    public RecallJobView confirm(@RestPath long id, String body) {
        return jobs.confirm(id, expectedTotal(body), actor());
    }

    @POST
    @Path("/{id}/cancel")
    @RolesAllowed(Roles.MODERATOR)
    @Operation(summary = "Cancel a job: messages not yet attempted are skipped; calls in flight finish")
    public RecallJobView cancel(@RestPath long id) {
        return jobs.cancel(id, actor());
    }

    @POST
    @Path("/{id}/retry")
    @RolesAllowed(Roles.MODERATOR)
    @Operation(summary = "Send a completed job's failed items again", description = "Its FAILED items go back to "
            + "PENDING and the job runs again; 409 when the job is not completed or has no failed item.")
    public RecallJobView retry(@RestPath long id) {
        return jobs.retry(id, actor());
    }

    @GET
    @RolesAllowed({ Roles.MODERATOR, Roles.AUDITOR })
    @Operation(summary = "List jobs, newest first")
    public RecallJobList list(@RestQuery String limit, @RestQuery String cursor) {
        return queries.list(cursor, PageLimit.parse(limit));
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({ Roles.MODERATOR, Roles.AUDITOR })
    @Operation(summary = "A job's state, counts per outcome, current rate and time remaining")
    public RecallJobView get(@RestPath long id) {
        return queries.get(id);
    }

    @GET
    @Path("/{id}/items")
    @RolesAllowed({ Roles.MODERATOR, Roles.AUDITOR })
    @Operation(summary = "A job's items, optionally of one outcome, in pages")
    public RecallItemPage items(@RestPath long id, @RestQuery String outcome, @RestQuery String limit,
            @RestQuery String cursor) {
        return queries.items(id, outcome, cursor, PageLimit.parse(limit));
    }

    @GET
    @Path("/{id}/items")
    @Produces(Csv.MEDIA_TYPE_SECOND_CHOICE)
    @RolesAllowed({ Roles.MODERATOR, Roles.AUDITOR })
    @Operation(summary = "All of a job's items as CSV, for compliance evidence")
    public RestResponse<StreamingOutput> itemsCsv(@RestPath long id, @RestQuery String outcome) {
        jobs.auditItemsExport(id, outcome, actor());
        return CsvExport.download("recall-job-" + id + "-items.csv",
                List.of("item_id", "message_id", "chat", "from_account", "to_account", "msg_key", "group_id",
                        "topic_id", "msg_seq", "msg_time", "outcome", "attempts", "last_error_code", "last_error_info",
                        "last_attempt_at", "finished_at", "confirmed_at"),
                cursor -> queries.items(id, outcome, cursor, CsvExport.PAGE_SIZE),
                (RecallItemView item) -> new Object[] { item.id(), item.messageId(), item.chat().wireName(),
                        item.from(), item.to(), item.msgKey(), item.groupId(), item.topicId(), item.msgSeq(),
                        item.msgTime(), item.outcome(), item.attempts(), item.lastErrorCode(), item.lastErrorInfo(),
                        item.lastAttemptAt(), item.finishedAt(), item.confirmedAt() });
    }

    /** The optional confirmation body, read by hand so that a bare POST with no body or content type is accepted. */
    private Long expectedTotal(String body) {
        if (body == null || body.isBlank()) {
            return null;
        }
        try {
            ConfirmRequest request = mapper.readValue(body, ConfirmRequest.class);
            return request == null ? null : request.expectedTotal();
        } catch (UnrecognizedPropertyException e) {
            throw ApiException.badParameter(e.getPropertyName(), "unknown field " + e.getPropertyName()
                    + "; the body is {\"expectedTotal\": <number>} or empty");
        } catch (JsonProcessingException e) {
            throw ApiException.badParameter("expectedTotal", "body must be {\"expectedTotal\": <number>} or empty");
        }
    }

    private String actor() {
        return identity.getPrincipal().getName();
    }
}
