package io.msgkey.recorder.demo;

import java.net.URI;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * What the simulated Tencent knows about one-to-one messages: the ones it failed to deliver (from the sample traffic)
 * and the ones recalled since this process started. Anything else counts as delivered, as for messages sent before
 * a restart. A recall that succeeds is echoed back as {@code C2C.CallbackAfterMsgWithDraw}, as Tencent does.
 */
@ApplicationScoped
class SimulatedTencent {

    /** Tencent's echo follows the admin API's answer; a short pause keeps the order realistic. */
    private static final long ECHO_DELAY_MILLIS = 200;
    private static final Logger LOG = Logger.getLogger(SimulatedTencent.class);

    private final Set<String> undelivered = ConcurrentHashMap.newKeySet();
    private final Set<String> recalled = ConcurrentHashMap.newKeySet();
    private final CallbackPoster poster;
    private final ObjectMapper mapper;

    SimulatedTencent(CallbackPoster poster, ObjectMapper mapper) {
        this.poster = poster;
        this.mapper = mapper;
    }

    void failedToDeliver(String from, String to, String msgKey) {
        undelivered.add(key(from, to, msgKey));
    }

    SimulatedReply withdraw(URI service, String from, String to, String msgKey) {
        String key = key(from, to, msgKey);
        if (undelivered.contains(key)) {
            return SimulatedReply.fail(20022, "the message does not exist: it was never delivered (simulated)");
        }
        if (!recalled.add(key)) {
            return SimulatedReply.fail(20023, "the message has already been recalled (simulated)");
        }
        ObjectNode echo = mapper.createObjectNode().put("CallbackCommand", "C2C.CallbackAfterMsgWithDraw")
                .put("From_Account", from).put("To_Account", to).put("MsgKey", msgKey).put("UnreadMsgNum", 0);
        CompletableFuture.delayedExecutor(ECHO_DELAY_MILLIS, TimeUnit.MILLISECONDS)
                .execute(() -> poster.post(service, echo, "RESTAPI").thenAccept(acknowledged -> {
                    if (!acknowledged) {
                        LOG.warnf("the recall echo for %s was not acknowledged", msgKey);
                    }
                }));
        return SimulatedReply.OK;
    }

    private static String key(String from, String to, String msgKey) {
        return from + '\u0000' + to + '\u0000' + msgKey;
    }
}
