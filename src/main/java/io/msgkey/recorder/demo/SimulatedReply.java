package io.msgkey.recorder.demo;

import com.fasterxml.jackson.annotation.JsonProperty;

/** A reply of the simulated admin API, shaped like Tencent's. */
record SimulatedReply(
        @JsonProperty("ActionStatus") String actionStatus,
        @JsonProperty("ErrorInfo") String errorInfo,
        @JsonProperty("ErrorCode") int errorCode) {

    static final SimulatedReply OK = new SimulatedReply("OK", "", 0);

    static SimulatedReply fail(int code, String info) {
        return new SimulatedReply("FAIL", info, code);
    }
}
