package io.msgkey.recorder.common;

import com.fasterxml.jackson.annotation.JsonInclude;

/** The body of every error answer under /api: what went wrong, and which parameter when one is to blame. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ApiError(int status, String error, String parameter) {
}
