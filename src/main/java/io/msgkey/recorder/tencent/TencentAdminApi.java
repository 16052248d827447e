package io.msgkey.recorder.tencent;

import java.nio.charset.StandardCharsets;
import java.util.List;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.jboss.resteasy.reactive.RestQuery;
import org.jboss.resteasy.reactive.RestResponse;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Tencent's REST admin API as a Quarkus REST client. Replies are read as text and parsed by the caller: Tencent's
 * content type is not documented, and a proxy's error page must become a clear error rather than a parse failure.
 */
@Path("/v4")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.WILDCARD)
public interface TencentAdminApi {

    @POST
    @Path("/openim/admin_msgwithdraw")
    RestResponse<String> adminMsgWithdraw(@RestQuery String sdkappid, @RestQuery String identifier,
            @RestQuery String usersig, @RestQuery long random, @RestQuery String contenttype, WithdrawRequest body);

    @POST
    @Path("/openim/admin_getroammsg")
    RestResponse<String> adminGetRoamMsg(@RestQuery String sdkappid, @RestQuery String identifier,
            @RestQuery String usersig, @RestQuery long random, @RestQuery String contenttype, RoamQuery body);

    @POST
    @Path("/recentcontact/get_list")
    RestResponse<String> recentContactGetList(@RestQuery String sdkappid, @RestQuery String identifier,
            @RestQuery String usersig, @RestQuery long random, @RestQuery String contenttype, ContactListQuery body);

    @POST
    @Path("/group_open_http_svc/group_msg_recall")
    RestResponse<String> groupMsgRecall(@RestQuery String sdkappid, @RestQuery String identifier,
            @RestQuery String usersig, @RestQuery long random, @RestQuery String contenttype, GroupRecallRequest body);

    record WithdrawRequest(
            @JsonProperty("From_Account") String from,
            @JsonProperty("To_Account") String to,
            @JsonProperty("MsgKey") String msgKey) {
    }

    /** Newer docs name the accounts Operator/Peer, older ones From/To: both are sent. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record RoamQuery(
            @JsonProperty("Operator_Account") String operator,
            @JsonProperty("Peer_Account") String peer,
            @JsonProperty("From_Account") String from,
            @JsonProperty("To_Account") String to,
            @JsonProperty("MaxCnt") int maxCount,
            @JsonProperty("MinTime") long minTime,
            @JsonProperty("MaxTime") long maxTime,
            @JsonProperty("LastMsgKey") String lastMsgKey) {

        static RoamQuery page(String operator, String peer, int maxCount, long minTime, RoamCursor cursor) {
            return new RoamQuery(operator, peer, operator, peer, maxCount, minTime, cursor.maxTime(),
                    cursor.lastMsgKey());
        }
    }

    /**
     * A page of a user's conversation list. AssistFlags: sources disagree (7 in the sample, "fixed 15" on
     * cloud.tencent.com, "fixed 63" on the newest trtc.io page); all agree on bits 0-2 (pinned conversations,
     * empty conversations, pinned paging), which is what paging relies on.
     */
    record ContactListQuery(
            @JsonProperty("From_Account") String account,
            @JsonProperty("TimeStamp") long timeStamp,
            @JsonProperty("StartIndex") long startIndex,
            @JsonProperty("TopTimeStamp") long topTimeStamp,
            @JsonProperty("TopStartIndex") long topStartIndex,
            @JsonProperty("AssistFlags") int assistFlags) {

        private static final int ASSIST_FLAGS = 15;

        static ContactListQuery page(String account, ContactCursor cursor) {
            return new ContactListQuery(account, cursor.timeStamp(), cursor.startIndex(), cursor.topTimeStamp(),
                    cursor.topStartIndex(), ASSIST_FLAGS);
        }
    }

    /**
     * Up to ten messages of one group (and topic) to recall. TopicId is left out outside community topics; Reason is
     * cut to Tencent's 100 bytes (UTF-8), never inside a character.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record GroupRecallRequest(
            @JsonProperty("GroupId") String groupId,
            @JsonProperty("TopicId") String topicId,
            @JsonProperty("MsgSeqList") List<Seq> msgSeqList,
            @JsonProperty("Reason") String reason) {

        static final int MAX_SEQS = 10;
        static final int MAX_REASON_BYTES = 100;

        record Seq(@JsonProperty("MsgSeq") long msgSeq) {
        }

        static GroupRecallRequest of(String groupId, String topicId, List<Long> msgSeqs, String reason) {
            if (msgSeqs.isEmpty() || msgSeqs.size() > MAX_SEQS) {
                throw new IllegalArgumentException("group_msg_recall takes 1 to 10 MsgSeq, not " + msgSeqs.size());
            }
            return new GroupRecallRequest(groupId, topicId == null || topicId.isEmpty() ? null : topicId,
                    msgSeqs.stream().map(Seq::new).toList(), capped(reason));
        }

        static String capped(String reason) {
            if (reason == null || reason.getBytes(StandardCharsets.UTF_8).length <= MAX_REASON_BYTES) {
                return reason;
            }
            int end = 0;
            int bytes = 0;
            while (end < reason.length()) {
                int codePoint = reason.codePointAt(end);
                int size = new String(Character.toChars(codePoint)).getBytes(StandardCharsets.UTF_8).length;
                if (bytes + size > MAX_REASON_BYTES) {
                    break;
                }
                bytes += size;
                end += Character.charCount(codePoint);
            }
            return reason.substring(0, end);
        }
    }
}
