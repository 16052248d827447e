package io.msgkey.recorder.webhook;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.msgkey.recorder.common.ForeignText;
import io.msgkey.recorder.common.IpRange;
import io.msgkey.recorder.security.ClientAddresses;
import io.msgkey.recorder.tencent.TencentConfig;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;

/**
 * Decides from the connection and the query string alone whether a callback is let in: its source (when an allow-list
 * is configured), its Sign and RequestTime, its SdkAppid. A refusal is answered at once and the connection closed, so
 * an unauthenticated body is never read. An admitted body is read up to 64 KiB, with or without a Content-Length, and
 * one that goes past it is cut off with a 400.
 */
@ApplicationScoped
class CallbackGate {

    static final int MAX_BODY_BYTES = 64 * 1024;
    private static final String PATH = "/tencent/callback";

    private final CallbackAuthenticator authenticator;
    private final CallbackMetrics metrics;
    private final ClientAddresses addresses;
    private final ObjectMapper mapper;
    private final List<IpRange> allowedSources;

    CallbackGate(CallbackAuthenticator authenticator, CallbackMetrics metrics, ClientAddresses addresses,
            ObjectMapper mapper, TencentConfig config) {
        this.authenticator = authenticator;
        this.metrics = metrics;
        this.addresses = addresses;
        this.mapper = mapper;
        this.allowedSources = IpRange.parseAll("tencent.callback.allowed-sources",
                config.callback().allowedSources().orElse(List.of()));
    }

    void install(@Observes Router router) {
        router.route(HttpMethod.POST, PATH).order(Integer.MIN_VALUE).handler(this::admit);
        router.route(HttpMethod.POST, PATH).order(Integer.MIN_VALUE + 1)
                .handler(BodyHandler.create(false).setBodyLimit(MAX_BODY_BYTES)).failureHandler(this::oversized);
    }

    private void admit(RoutingContext context) {
        HttpServerRequest request = context.request();
        String source = addresses.of(request);
        if (!allowedSources.isEmpty() && !IpRange.anyContains(allowedSources, source)) {
            metrics.countUnverified();
            refuse(context, 403, "callbacks are not accepted from " + ForeignText.printable(source));
            return;
        }
        try {
            authenticator.verify(request.getParam("Sign"), request.getParam("RequestTime"));
            authenticator.checkApp(request.getParam("SdkAppid"));
        } catch (CallbackRejected rejection) {
            metrics.countUnverified();
            refuse(context, rejection.status(), rejection.getMessage());
            return;
        }
        context.next();
    }

    private void oversized(RoutingContext context) {
        if (context.statusCode() != 413) {
            context.next();
            return;
        }
        metrics.count(context.request().getParam("CallbackCommand"), "rejected");
        refuse(context, 400, "body is larger than 64 KiB");
    }

    /** Tencent's reply shape; over HTTP/1 the connection is closed rather than left to deliver an unread body. */
    private void refuse(RoutingContext context, int status, String message) {
        HttpServerRequest request = context.request();
        boolean close = request.version() != HttpVersion.HTTP_2;
        context.response().setStatusCode(status).putHeader(HttpHeaders.CONTENT_TYPE, "application/json");
        if (close) {
            context.response().putHeader(HttpHeaders.CONNECTION, "close");
        }
        context.response().end(json(CallbackReply.fail(status, message))).onComplete(sent -> {
            if (close) {
                request.connection().close();
            }
        });
    }

    private String json(CallbackReply reply) {
        try {
            return mapper.writeValueAsString(reply);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a CallbackReply always serialises", e);
        }
    }
}
