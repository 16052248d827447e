package io.msgkey.recorder.tencent;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Every admin reply carries the first three; admin_getroammsg and recentcontact/get_list add their pages, and
 * group_msg_recall its RetCode per MsgSeq. Unknown
 * fields are ignored: Tencent adds them.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
record TencentReply(
        @JsonProperty("ActionStatus") String actionStatus,
        @JsonProperty("ErrorCode") int errorCode,
        @JsonProperty("ErrorInfo") String errorInfo,
        @JsonProperty("Complete") Integer complete,
        @JsonProperty("LastMsgTime") Long lastMsgTime,
        @JsonProperty("LastMsgKey") String lastMsgKey,
        @JsonProperty("MsgList") List<RoamEntry> msgList,
        @JsonProperty("SessionItem") List<SessionEntry> sessionItems,
        @JsonProperty("CompleteFlag") Integer completeFlag,
        @JsonProperty("TimeStamp") Long timeStamp,
        @JsonProperty("StartIndex") Long startIndex,
        @JsonProperty("TopTimeStamp") Long topTimeStamp,
        @JsonProperty("TopStartIndex") Long topStartIndex,
        @JsonProperty("RecallRetList") List<RecallRet> recallRetList) {

    /** group_msg_recall's outcome for one of the MsgSeq asked for. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record RecallRet(
            @JsonProperty("MsgSeq") long msgSeq,
            @JsonProperty("RetCode") int retCode) {
    }

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

    /** One conversation of a conversation list: Type 1 is one-to-one (To_Account the peer), 2 a group. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record SessionEntry(
            @JsonProperty("Type") Integer type,
            @JsonProperty("To_Account") String to) {

        private static final int ONE_TO_ONE = 1;

        boolean oneToOne() {
            return type != null && type == ONE_TO_ONE && to != null && !to.isEmpty();
        }
    }
}
