package io.msgkey.recorder.tencent;

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
}
