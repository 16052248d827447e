package io.msgkey.recorder.security;

import java.util.Optional;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.MediaType;

import org.jboss.resteasy.reactive.RestResponse;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import io.msgkey.recorder.common.ApiError;

/**
 * Every POST under /api must be JSON or carry X-Requested-With. A form on another site can send neither without the
 * browser asking this service first (CORS), so a browser that holds the console's cookie or cached Basic credentials
 * cannot be made to confirm or cancel a job from elsewhere.
 */
public class CrossSiteRequestGuard {

    @ServerRequestFilter
    Optional<RestResponse<ApiError>> refuseFormPosts(ContainerRequestContext request) {
        if (!"POST".equals(request.getMethod()) || !request.getUriInfo().getPath().startsWith("/api/")
                || request.getHeaderString("X-Requested-With") != null) {
            return Optional.empty();
        }
        MediaType type = request.getMediaType();
        if (type != null && type.isCompatible(MediaType.APPLICATION_JSON_TYPE)) {
            return Optional.empty();
        }
        return Optional.of(
                ApiError.answer(415, "send Content-Type: application/json, with a JSON body or none", null).build());
    }
}
