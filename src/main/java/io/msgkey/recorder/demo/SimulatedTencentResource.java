package io.msgkey.recorder.demo;

import java.time.Clock;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.resteasy.reactive.RestQuery;

import com.fasterxml.jackson.annotation.JsonProperty;

import io.msgkey.recorder.tencent.TencentConfig;
import io.smallrye.mutiny.Uni;

/**
 * The simulated Tencent admin API the demo's recall jobs call ({@code tencent.api.base-url} points here in the demo
 * profile). It exists only in the demo: elsewhere it answers 404. It answers like Tencent, after a network-like delay.
 */
@Path("/demo/tencent/v4/openim")
public class SimulatedTencentResource {

    private final SimulatedTencent tencent;
    private final DemoConfig demo;
    private final Clock clock;
    private final long sdkAppId;

    SimulatedTencentResource(SimulatedTencent tencent, DemoConfig demo, Clock clock, TencentConfig config) {
        this.tencent = tencent;
        this.demo = demo;
        this.clock = clock;
        this.sdkAppId = config.sdkAppId();
    }

    record WithdrawRequest(
            @JsonProperty("From_Account") String from,
            @JsonProperty("To_Account") String to,
            @JsonProperty("MsgKey") String msgKey) {
    }

    @POST
    @Path("/admin_msgwithdraw")
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(hidden = true)
    public Uni<SimulatedReply> withdraw(@RestQuery String sdkappid, @RestQuery String identifier,
            @RestQuery String usersig, WithdrawRequest body, @Context UriInfo uri) {
        if (!Demo.active()) {
            throw new NotFoundException();
        }
        SimulatedReply reply;
        if (!Long.toString(sdkAppId).equals(sdkappid) || identifier == null) {
            reply = SimulatedReply.fail(70016, "sdkappid or identifier missing or wrong (simulated Tencent)");
        } else if (body == null || body.from() == null || body.to() == null || body.msgKey() == null) {
            reply = SimulatedReply.fail(90001, "From_Account, To_Account and MsgKey are required (simulated Tencent)");
        } else {
            reply = SimulatedUserSig.refusal(usersig, sdkAppId, identifier, clock.instant().getEpochSecond())
                    .orElseGet(() -> tencent.withdraw(uri.getBaseUri(), body.from(), body.to(), body.msgKey()));
        }
        return Uni.createFrom().item(reply).onItem().delayIt().by(demo.simulatorLatency());
    }
}
