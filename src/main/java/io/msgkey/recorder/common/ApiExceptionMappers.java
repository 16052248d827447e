package io.msgkey.recorder.common;

import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.core.MediaType;

import org.jboss.resteasy.reactive.RestResponse;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;

/**
 * Turns the refusals the API knows about into JSON. Deliberately no mapper for Throwable: an unexpected failure is a
 * plain 500 without a stack trace in the body, and it is logged.
 */
public class ApiExceptionMappers {

    @ServerExceptionMapper
    RestResponse<ApiError> api(ApiException e) {
        return json(e.status(), e.toError());
    }

    @ServerExceptionMapper
    RestResponse<ApiError> unreadableBody(JsonProcessingException e) {
        String parameter = null;
        String message = "request body is not valid JSON";
        if (e instanceof MismatchedInputException mismatch && !mismatch.getPath().isEmpty()) {
            parameter = mismatch.getPath().stream().map(reference -> reference.getFieldName() != null
                    ? reference.getFieldName()
                    : "[" + reference.getIndex() + "]").reduce((a, b) -> a + "." + b)
                    .orElse(null);
            message = e instanceof InvalidFormatException ? parameter + " has the wrong type or format"
                    : parameter + " is not acceptable here";
        }
        return json(400, new ApiError(400, message, parameter));
    }

    @ServerExceptionMapper
    RestResponse<ApiError> notFound(NotFoundException e) {
        return json(404, new ApiError(404, "no such resource", null));
    }

    @ServerExceptionMapper
    RestResponse<ApiError> notAllowed(NotAllowedException e) {
        return json(405, new ApiError(405, "method not allowed here", null));
    }

    @ServerExceptionMapper
    RestResponse<ApiError> unsupportedMedia(NotSupportedException e) {
        return json(415, new ApiError(415, "send application/json", null));
    }

    static RestResponse<ApiError> json(int status, ApiError error) {
        return RestResponse.ResponseBuilder.<ApiError> create(status).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(error).build();
    }
}
