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
@Path("/v4/openim")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.WILDCARD)
public interface TencentAdminApi {

    @POST
    @Path("/admin_msgwithdraw")
    RestResponse<String> adminMsgWithdraw(@RestQuery String sdkappid, @RestQuery String identifier,
            @RestQuery String usersig, @RestQuery long random, @RestQuery String contenttype, WithdrawRequest body);

    @POST
    @Path("/admin_getroammsg")
    RestResponse<String> adminGetRoamMsg(@RestQuery String sdkappid, @RestQuery String identifier,
            @RestQuery String usersig, @RestQuery long random, @RestQuery String contenttype, RoamQuery body);

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

        static RoamQuery page(String operator, String peer, int maxCount, long minTime, long maxTime,
                String lastMsgKey) {
            return new RoamQuery(operator, peer, operator, peer, maxCount, minTime, maxTime, lastMsgKey);
        }
    }
}
