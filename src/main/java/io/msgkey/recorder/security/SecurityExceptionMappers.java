package io.msgkey.recorder.security;

import java.net.URI;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.resteasy.reactive.RestResponse;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import io.msgkey.recorder.common.ApiError;
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

    SecurityExceptionMappers(SecurityIdentity identity) {
        this.identity = identity;
    }

    @ServerExceptionMapper({ UnauthorizedException.class, AuthenticationFailedException.class })
    RestResponse<ApiError> unauthenticated(RuntimeException e, HttpHeaders headers, UriInfo uri) {
        if (uri.getPath().equals(FORM_LOGIN_PATH)) {
            // a failed console sign-in goes back to the sign-in page, which says what went wrong
            return RestResponse.ResponseBuilder.<ApiError> seeOther(URI.create("/login?error=true")).build();
        }
        RestResponse.ResponseBuilder<ApiError> response = ApiError.answer(401,
                "sign in first: HTTP Basic, a bearer token or the console's sign-in page", null);
        if (headers.getHeaderString("X-Requested-With") == null) {
            response.header(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"" + REALM + "\"");
        }
        return response.build();
    }

    @ServerExceptionMapper
    RestResponse<ApiError> forbidden(ForbiddenException e) {
        String who = identity.isAnonymous() ? "you are" : identity.getPrincipal().getName() + " is";
        return ApiError.answer(403, who + " not allowed to do this: it needs another role", null).build();
    }
}
