package io.msgkey.recorder.common;

/** A refusal with a status and a message meant for the caller; never carries internals. */
public class ApiException extends RuntimeException {

    private final int status;
    private final String parameter;

    public ApiException(int status, String message, String parameter) {
        super(message, null, false, false);
        this.status = status;
        this.parameter = parameter;
    }

    public static ApiException badParameter(String parameter, String message) {
        return new ApiException(400, message, parameter);
    }

    public static ApiException notFound(String message) {
        return new ApiException(404, message, null);
    }

    public static ApiException conflict(String message) {
        return new ApiException(409, message, null);
    }

    public int status() {
        return status;
    }

    public String parameter() {
        return parameter;
    }
}
