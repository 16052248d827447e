package io.msgkey.recorder.webhook;

/** A callback refused before anything was stored; the message tells the sender exactly what was wrong. */
public class CallbackRejected extends RuntimeException {

    private final int status;

    public CallbackRejected(int status, String message) {
        super(message, null, false, false);
        this.status = status;
    }

    public static CallbackRejected badRequest(String message) {
        return new CallbackRejected(400, message);
    }

    public static CallbackRejected unauthorized(String message) {
        return new CallbackRejected(401, message);
    }

    public int status() {
        return status;
    }
}
