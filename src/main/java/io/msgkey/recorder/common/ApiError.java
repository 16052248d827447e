package io.msgkey.recorder.common;

import jakarta.ws.rs.core.MediaType;

import org.jboss.resteasy.reactive.RestResponse;

import com.fasterxml.jackson.annotation.JsonInclude;

/** The body of every error answer under /api: what went wrong, and which parameter when one is to blame. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ApiError(int status, String error, String parameter) {

    /** An error answer, JSON whatever the request asked for; the one place such answers are built. */
    public static RestResponse.ResponseBuilder<ApiError> answer(int status, String error, String parameter) {
        return RestResponse.ResponseBuilder.<ApiError> create(status).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(new ApiError(status, error, parameter));
    }
}
