package io.msgkey.recorder.sync;

import java.net.URI;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;
import org.jboss.resteasy.reactive.RestResponse;

import io.msgkey.recorder.common.PageLimit;
import io.msgkey.recorder.security.Roles;
import io.quarkus.security.identity.SecurityIdentity;

@Path("/api/sync-jobs")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Sync jobs")
public class SyncJobResource {

    private final SyncJobService jobs;
    private final SyncJobQueries queries;
    private final SecurityIdentity identity;

    SyncJobResource(SyncJobService jobs, SyncJobQueries queries, SecurityIdentity identity) {
        this.jobs = jobs;
        this.queries = queries;
        this.identity = identity;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.MODERATOR)
    @Operation(summary = "Fetch a user's one-to-one history from Tencent into the record", description = "Pages "
            + "admin_getroammsg through every conversation of the user (the peers given, or every peer the record "
            + "knows and the user's conversation list at Tencent) between since and until.")
    public RestResponse<SyncJobView> create(SyncJobRequest request) {
        SyncJobView job = jobs.create(request, actor());
        return RestResponse.ResponseBuilder.<SyncJobView> created(URI.create("/api/sync-jobs/" + job.id())).entity(job)
                .build();
    }

    @POST
    @Path("/{id}/cancel")
    @RolesAllowed(Roles.MODERATOR)
    @Operation(summary = "Cancel a job: conversations not fetched to their end are skipped")
    public SyncJobView cancel(@RestPath long id) {
        return jobs.cancel(id, actor());
    }

    @POST
    @Path("/{id}/resume")
    @RolesAllowed(Roles.MODERATOR)
    @Operation(summary = "Resume a job paused on a Tencent configuration error, where it stopped")
    public SyncJobView resume(@RestPath long id) {
        return jobs.resume(id, actor());
    }

    @GET
    @RolesAllowed({ Roles.MODERATOR, Roles.AUDITOR })
    @Operation(summary = "List sync jobs, newest first")
    public SyncJobList list(@RestQuery String limit, @RestQuery String cursor) {
        return queries.list(cursor, PageLimit.parse(limit));
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({ Roles.MODERATOR, Roles.AUDITOR })
    @Operation(summary = "A sync job's state, conversations and message counts")
    public SyncJobView get(@RestPath long id) {
        return queries.get(id);
    }

    @GET
    @Path("/{id}/conversations")
    @RolesAllowed({ Roles.MODERATOR, Roles.AUDITOR })
    @Operation(summary = "A sync job's conversations with their progress and errors, in pages")
    public ConversationPage conversations(@RestPath long id, @RestQuery String limit, @RestQuery String cursor) {
        return queries.conversations(id, cursor, PageLimit.parse(limit));
    }

    private String actor() {
        return identity.getPrincipal().getName();
    }
}
