package io.msgkey.recorder.retention;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.msgkey.recorder.security.Roles;
import io.quarkus.security.identity.SecurityIdentity;

@Path("/api/retention")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Retention")
public class RetentionResource {

    private final RetentionService retention;
    private final SecurityIdentity identity;

    RetentionResource(RetentionService retention, SecurityIdentity identity) {
        this.retention = retention;
        this.identity = identity;
    }

    @GET
    @RolesAllowed({ Roles.COMPLIANCE, Roles.AUDITOR })
    @Operation(summary = "Retention settings, the last run and what it removed, the next scheduled run")
    public RetentionStatus status() {
        return retention.status();
    }

    @POST
    @Path("/run")
    @RolesAllowed(Roles.COMPLIANCE)
    @Operation(summary = "Run retention now", description = "Removes message records past retention.messages (by day "
            + "partitions, keeping those of users under legal hold) and finished recall jobs past retention.recall-jobs "
            + "and their items; answers what it removed.")
    public RetentionReport run() {
        return retention.runNow(identity.getPrincipal().getName());
    }
}
