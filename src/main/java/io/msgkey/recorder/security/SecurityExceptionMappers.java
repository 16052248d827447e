package io.msgkey.recorder.security;

import java.net.URI;
import java.util.Optional;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.resteasy.reactive.RestResponse;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import io.msgkey.recorder.common.ApiError;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.quarkus.security.identity.SecurityIdentity;

/**
 * 401 and 403 as JSON, like every other API error. Scripts get the Basic challenge; the console's own requests (marked
 * with X-Requested-With) do not, so an expired session shows the console's sign-in page, not a browser dialog.
 */
public class SecurityExceptionMappers {

    static final String REALM = "MsgKey Recorder";
    private static final String FORM_LOGIN_PATH = "/j_security_check";

    private final SecurityIdentity identity;
    private final Template signInPage;

    SecurityExceptionMappers(SecurityIdentity identity, @Location("ConsoleResource/login") Template signInPage) {
        this.identity = identity;
        this.signInPage = signInPage;
    }

    @ServerExceptionMapper({ UnauthorizedException.class, AuthenticationFailedException.class })
    RestResponse<Object> unauthenticated(RuntimeException e, HttpHeaders headers, UriInfo uri) {
        Optional<Long> retryAfter = SignInThrottle.retryAfterSeconds(e);
        if (retryAfter.isPresent()) {
            return throttled(retryAfter.get(), uri);
        }
        if (uri.getPath().equals(FORM_LOGIN_PATH)) {
            // a failed console sign-in goes back to the sign-in page, which says what went wrong
            return RestResponse.ResponseBuilder.seeOther(URI.create("/login?error=true")).build();
        }
        RestResponse.ResponseBuilder<ApiError> response = ApiError.answer(401,
                "sign in first: HTTP Basic, a bearer token or the console's sign-in page", null);
        if (headers.getHeaderString("X-Requested-With") == null) {
            response.header(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"" + REALM + "\"");
        }
        return widened(response.build());
    }

    /** 429 with Retry-After: JSON for the API, the sign-in page saying so for the console's form. */
    private RestResponse<Object> throttled(long seconds, UriInfo uri) {
        if (uri.getPath().equals(FORM_LOGIN_PATH)) {
            return RestResponse.ResponseBuilder.create(429).type(MediaType.TEXT_HTML_TYPE)
                    .header(HttpHeaders.RETRY_AFTER, seconds)
                    .entity(signInPage.data("failed", false).data("retryAfterSeconds", seconds).render()).build();
        }
        return widened(ApiError.answer(429, "too many failed sign-ins for this user or from this address; try again in "
                + seconds + " s", null).header(HttpHeaders.RETRY_AFTER, seconds).build());
    }

    /** The mapper answers JSON or, for the console's sign-in form, a page. */
    @SuppressWarnings("unchecked")
    private static RestResponse<Object> widened(RestResponse<?> response) {
        return (RestResponse<Object>) response;
    }

    @ServerExceptionMapper
    RestResponse<ApiError> forbidden(ForbiddenException e) {
        String who = identity.isAnonymous() ? "you are" : identity.getPrincipal().getName() + " is";
        return ApiError.answer(403, who + " not allowed to do this: it needs another role", null).build();
    }
}
