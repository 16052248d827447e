package io.msgkey.recorder.message;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestQuery;

import io.msgkey.recorder.common.PageLimit;
import io.msgkey.recorder.security.Roles;
import io.quarkus.security.identity.SecurityIdentity;

@Path("/api/messages")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.MODERATOR)
@Tag(name = "Messages")
public class MessageResource {

    private final MessageSearch search;
    private final SecurityIdentity identity;

    MessageResource(MessageSearch search, SecurityIdentity identity) {
        this.search = search;
        this.identity = identity;
    }

    @GET
    @Operation(summary = "Search recorded messages", description = "By sender, recipient, user (sent or received), "
            + "conversation (user + peer) and MsgTime range; newest first, paged with an opaque cursor.")
    public MessageSearchResult search(@BeanParam MessageFilterParameters filter, @RestQuery String limit,
            @RestQuery String cursor) {
        return search.search(filter.toFilter(), cursor, PageLimit.parse(limit), identity.getPrincipal().getName());
    }

    @GET
    @Path("/count")
    @Operation(summary = "Count the messages a search would find")
    public MessageCount count(@BeanParam MessageFilterParameters filter) {
        return search.count(filter.toFilter(), identity.getPrincipal().getName());
    }
}
