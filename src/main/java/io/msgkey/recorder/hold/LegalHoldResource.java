package io.msgkey.recorder.hold;

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

@Path("/api/legal-holds")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Legal holds")
public class LegalHoldResource {

    private final LegalHoldService holds;
    private final SecurityIdentity identity;

    LegalHoldResource(LegalHoldService holds, SecurityIdentity identity) {
        this.holds = holds;
        this.identity = identity;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.COMPLIANCE)
    @Operation(summary = "Place a legal hold on a user", description = "While it is active the user's records are "
            + "neither erased nor removed by retention.")
    public RestResponse<LegalHoldView> create(LegalHoldRequest request) {
        LegalHoldView hold = holds.create(request, actor());
        return RestResponse.ResponseBuilder.<LegalHoldView> created(URI.create("/api/legal-holds/" + hold.id()))
                .entity(hold).build();
    }

    @GET
    @RolesAllowed({ Roles.COMPLIANCE, Roles.AUDITOR })
    @Operation(summary = "List legal holds, active and released, newest first")
    public LegalHoldList list(@RestQuery String limit, @RestQuery String cursor) {
        return holds.list(cursor, PageLimit.parse(limit), actor());
    }

    @POST
    @Path("/{id}/release")
    @RolesAllowed(Roles.COMPLIANCE)
    @Operation(summary = "Release a legal hold")
    public LegalHoldView release(@RestPath long id) {
        return holds.release(id, actor());
    }

    private String actor() {
        return identity.getPrincipal().getName();
    }
}
