package io.msgkey.recorder.demo;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.msgkey.recorder.security.Roles;

/** Demo only: posts a batch of sample traffic through the real callback route. Elsewhere it answers 404. */
@Path("/api/demo/sample-traffic")
@Tag(name = "Demo")
public class SampleTrafficResource {

    private final SampleTraffic traffic;

    SampleTrafficResource(SampleTraffic traffic) {
        this.traffic = traffic;
    }

    @POST
    @RolesAllowed(Roles.MODERATOR)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Post sample traffic (demo profile only)", description = "Posts signed Tencent callbacks to "
            + "/tencent/callback: a sample abuser's spam, ordinary conversations, a failed send and a recall echo.")
    public SampleTrafficReport post(@Context UriInfo uri) throws InterruptedException {
        if (!Demo.active()) {
            throw new NotFoundException();
        }
        return traffic.post(uri.getBaseUri());
    }
}
