package io.msgkey.recorder.webhook;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The body Tencent expects back from every callback. Error bodies keep the same shape; their codes are the HTTP
 * status, which never collides with the before-callback's meaningful codes (1, 2, 120001-130000).
 */
public record CallbackReply(
        @JsonProperty("ActionStatus") String actionStatus,
        @JsonProperty("ErrorInfo") String errorInfo,
        @JsonProperty("ErrorCode") int errorCode) {

    public static final CallbackReply OK = new CallbackReply("OK", "", 0);

    public static CallbackReply fail(int status, String errorInfo) {
        return new CallbackReply("FAIL", errorInfo, status);
    }
}
