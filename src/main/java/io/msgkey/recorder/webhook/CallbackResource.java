package io.msgkey.recorder.webhook;

import java.io.IOException;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.RestQuery;
import org.jboss.resteasy.reactive.RestResponse;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;

import io.msgkey.recorder.ingest.GroupCommitWriter;
import io.msgkey.recorder.ingest.MessageRecord;
import io.msgkey.recorder.ingest.StoreOutcome;
import io.msgkey.recorder.tencent.TencentConfig;
import io.vertx.ext.web.RoutingContext;

/**
 * The one URL configured in Tencent's console. It records one-to-one and group messages and their recall echoes and
 * acknowledges everything else. It never rejects a message: the before-callback is always answered "allow". Only callbacks that
 * {@link CallbackGate} let in, with their bodies already read, get here.
 */
@Path("/tencent/callback")
@Tag(name = "Tencent callback")
public class CallbackResource {

    /** Tencent gives up after 2 s; past this we answer without waiting any longer for storage. */
    private static final long REPLY_DEADLINE_MILLIS = 1500;
    private static final Logger LOG = Logger.getLogger(CallbackResource.class);

    private final CallbackParser parser;
    private final GroupCommitWriter writer;
    private final CallbackMetrics metrics;
    private final ObjectReader reader;
    private final long sdkAppId;

    CallbackResource(CallbackParser parser, GroupCommitWriter writer, CallbackMetrics metrics, ObjectMapper mapper,
            TencentConfig config) {
        this.parser = parser;
        this.writer = writer;
        this.metrics = metrics;
        this.reader = mapper.reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .with(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
        this.sdkAppId = config.sdkAppId();
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Receive a Tencent Chat callback", description = "Records C2C.CallbackBeforeSendMsg, "
            + "C2C.CallbackAfterSendMsg, C2C.CallbackAfterMsgWithDraw, Group.CallbackAfterSendMsg and "
            + "Group.CallbackAfterRecallMsg; allows Group.CallbackBeforeSendMsg at once; acknowledges every other "
            + "command.")
    @RequestBody(description = "The callback as Tencent posts it: a JSON object of at most 64 KiB")
    public CompletionStage<RestResponse<CallbackReply>> receive(@RestQuery("CallbackCommand") String commandParameter,
            @RestQuery("ClientIP") String clientIp, @RestQuery("OptPlatform") String platform, RoutingContext http) {
        // read by the gate's body handler, within its limit; REST does not read it again
        byte[] body = http.body().buffer() == null ? new byte[0] : http.body().buffer().getBytes();
        boolean named = commandParameter != null && !commandParameter.isEmpty();
        if (named && CallbackCommand.of(commandParameter).isEmpty()) {
            metrics.count(commandParameter, "ignored");
            return CompletableFuture.completedStage(RestResponse.ok(CallbackReply.OK));
        }
        if (named && CallbackCommand.of(commandParameter).get() == CallbackCommand.GROUP_BEFORE_SEND) {
            return allowGroupMessage(commandParameter);
        }
        JsonNode root = parse(body);
        String commandName = named ? commandParameter
                : Optional.ofNullable(root.get("CallbackCommand")).filter(JsonNode::isTextual).map(JsonNode::textValue)
                        .orElseThrow(() -> CallbackRejected
                                .badRequest("CallbackCommand is required, as a query parameter or in the body"));
        Optional<CallbackCommand> command = CallbackCommand.of(commandName);
        if (command.isEmpty()) {
            metrics.count(commandName, "ignored");
            return CompletableFuture.completedStage(RestResponse.ok(CallbackReply.OK));
        }
        if (command.get() == CallbackCommand.GROUP_BEFORE_SEND) {
            return allowGroupMessage(commandName);
        }
        List<MessageRecord> records = parser.parse(command.get(), root, sdkAppId, clientIp, platform);
        return stored(records).orTimeout(REPLY_DEADLINE_MILLIS, TimeUnit.MILLISECONDS)
                .handle((outcome, failure) -> reply(command.get(), outcome, failure));
    }

    /** Nothing in it can be keyed (no MsgSeq yet): its body is not even read. */
    private CompletionStage<RestResponse<CallbackReply>> allowGroupMessage(String command) {
        metrics.count(command, "allowed");
        return CompletableFuture.completedStage(RestResponse.ok(CallbackReply.OK));
    }

    /** Completes once every record is durable, with the least settled outcome among them. */
    private CompletableFuture<StoreOutcome> stored(List<MessageRecord> records) {
        if (records.size() == 1) {
            return writer.submit(records.get(0)).toCompletableFuture();
        }
        List<CompletableFuture<StoreOutcome>> outcomes = records.stream()
                .map(record -> writer.submit(record).toCompletableFuture()).toList();
        return CompletableFuture.allOf(outcomes.toArray(CompletableFuture[]::new)).thenApply(done -> outcomes.stream()
                .map(CompletableFuture::join).max(Comparator.naturalOrder()).orElse(StoreOutcome.STORED));
    }

    private RestResponse<CallbackReply> reply(CallbackCommand command, StoreOutcome outcome, Throwable failure) {
        if (failure == null) {
            metrics.count(command.wireName(), outcome.name().toLowerCase(Locale.ROOT));
            return RestResponse.ok(CallbackReply.OK);
        }
        metrics.count(command.wireName(), "lost");
        if (command.isBeforeSend()) {
            LOG.errorf(failure, "could not store a %s; allowing the message anyway", command.wireName());
            return RestResponse.ok(CallbackReply.OK);
        }
        LOG.errorf(failure, "could not store a %s; answering 503", command.wireName());
        return RestResponse.status(RestResponse.Status.SERVICE_UNAVAILABLE,
                CallbackReply.fail(503, "the callback could not be stored; the database and the spool are unavailable"));
    }

    private JsonNode parse(byte[] body) {
        if (body.length == 0) {
            throw CallbackRejected.badRequest("body is empty; expected a JSON object");
        }
        JsonNode root;
        try {
            root = reader.readTree(body);
        } catch (IOException e) {
            throw CallbackRejected.badRequest("body is not valid JSON");
        }
        if (root == null || !root.isObject()) {
            throw CallbackRejected.badRequest("body must be a JSON object");
        }
        return root;
    }

    @ServerExceptionMapper
    RestResponse<CallbackReply> rejected(CallbackRejected rejection, UriInfo uri) {
        metrics.count(uri.getQueryParameters().getFirst("CallbackCommand"), "rejected");
        return RestResponse.status(RestResponse.Status.fromStatusCode(rejection.status()),
                CallbackReply.fail(rejection.status(), rejection.getMessage()));
    }
}
