package io.msgkey.recorder.webhook;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;

/**
 * Refuses an oversized callback from its Content-Length, before its body is read into memory. Bodies sent without a
 * length are checked after reading by {@link CallbackResource}.
 */
@ApplicationScoped
class CallbackBodyLimit {

    void install(@Observes Router router, CallbackMetrics metrics) {
        router.route(HttpMethod.POST, "/tencent/callback").order(Integer.MIN_VALUE).handler(context -> {
            String length = context.request().getHeader(HttpHeaders.CONTENT_LENGTH);
            if (length != null && isOversized(length)) {
                metrics.count(context.request().getParam("CallbackCommand"), "rejected");
                context.response().setStatusCode(400).putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                        .end("{\"ActionStatus\":\"FAIL\",\"ErrorInfo\":\"body is larger than 64 KiB\",\"ErrorCode\":400}");
                return;
            }
            context.next();
        });
    }

    private static boolean isOversized(String length) {
        try {
            return Long.parseLong(length.trim()) > CallbackResource.MAX_BODY_BYTES;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
