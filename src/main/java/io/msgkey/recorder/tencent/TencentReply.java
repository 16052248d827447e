package io.msgkey.recorder.tencent;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/** Every admin reply carries these; admin_getroammsg adds its page. Unknown fields are ignored: Tencent adds them. */
@JsonIgnoreProperties(ignoreUnknown = true)
record TencentReply(
        @JsonProperty("ActionStatus") String actionStatus,
        @JsonProperty("ErrorCode") int errorCode,
        @JsonProperty("ErrorInfo") String errorInfo,
        @JsonProperty("Complete") Integer complete,
        @JsonProperty("LastMsgTime") Long lastMsgTime,
        @JsonProperty("LastMsgKey") String lastMsgKey,
        @JsonProperty("MsgList") List<RoamEntry> msgList) {

    @JsonIgnoreProperties(ignoreUnknown = true)
    record RoamEntry(
            @JsonProperty("From_Account") String from,
            @JsonProperty("To_Account") String to,
            @JsonProperty("MsgSeq") long msgSeq,
            @JsonProperty("MsgRandom") long msgRandom,
            @JsonProperty("MsgTimeStamp") long msgTimeStamp,
            @JsonProperty("MsgFlagBits") int msgFlagBits,
            @JsonProperty("IsPeerRead") Integer isPeerRead,
            @JsonProperty("MsgKey") String msgKey) {
    }
}
