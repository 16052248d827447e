package io.msgkey.recorder.common;

import java.util.stream.Collectors;

import jakarta.ws.rs.WebApplicationException;

import org.jboss.resteasy.reactive.RestResponse;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;

/**
 * Turns the refusals the API knows about into JSON. Deliberately no mapper for Throwable: an unexpected failure is a
 * plain 500 without a stack trace in the body, and it is logged.
 */
public class ApiExceptionMappers {

    @ServerExceptionMapper
    RestResponse<ApiError> api(ApiException e) {
        return ApiError.answer(e.status(), e.getMessage(), e.parameter()).build();
    }

    @ServerExceptionMapper
    RestResponse<ApiError> mismatchedBody(MismatchedInputException e) {
        String parameter = e.getPath().stream().map(reference -> reference.getFieldName() != null
                ? reference.getFieldName()
                : "[" + reference.getIndex() + "]").reduce((a, b) -> a + "." + b)
                .orElse(null);
        String message;
        if (e instanceof UnrecognizedPropertyException unknown) {
            message = "unknown field " + parameter + "; known fields here: " + unknown.getKnownPropertyIds().stream()
                    .map(String::valueOf).sorted().collect(Collectors.joining(", "));
        } else {
            message = parameter == null ? "request body does not have the expected shape"
                    : parameter + " has the wrong type or format";
        }
        return ApiError.answer(400, message, parameter).build();
    }

    /** The framework's own refusals (unknown path, wrong method or media type, unparsable body) as JSON too. */
    @ServerExceptionMapper
    RestResponse<ApiError> framework(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        String message = switch (status) {
            case 400 -> e.getCause() instanceof JsonProcessingException ? "request body is not valid JSON"
                    : "bad request";
            case 404 -> "no such resource";
            case 405 -> "method not allowed here";
            case 406 -> "cannot answer in the media type asked for";
            case 415 -> "send application/json";
            default -> status >= 500 ? "internal error" : "request refused";
        };
        return ApiError.answer(status, message, null).build();
    }
}
