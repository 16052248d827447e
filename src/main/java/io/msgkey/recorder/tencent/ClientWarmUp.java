package io.msgkey.recorder.tencent;

import java.net.URI;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.RestResponse;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;

/**
 * Runs the HTTP client's path from the send gate to the wire hot before the first recall job, against a throwaway
 * local server and never against Tencent. In a fresh process that path is interpreted code: measured at a strict
 * stub, a call took 70 ms (p50, up to 210 ms) from the gate to its arrival in the first second of the first job, and
 * 2 ms five seconds later. A delay that shrinks while the gate keeps 200 calls in every 1.02 s squeezes those calls
 * into less than a second where they arrive, and Tencent refused them as over its limit.
 */
final class ClientWarmUp {

    private static final Logger LOG = Logger.getLogger(ClientWarmUp.class);
    private static final String OK = "{\"ActionStatus\":\"OK\",\"ErrorInfo\":\"\",\"ErrorCode\":0,\"RecallRetList\":[]}";

    private ClientWarmUp() {
    }

    /**
     * Makes {@code calls} admin_msgwithdraw and group_msg_recall calls, {@code callers} at a time, through a client of
     * {@code clients} to a local server, and reads every reply as a Tencent reply; answers the calls the server saw. A
     * warm-up that fails (no local port, say) is logged and the service starts anyway: it only makes the first job
     * keep the limit better.
     */
    static int run(Vertx vertx, Function<URI, TencentAdminApi> clients, ObjectMapper mapper, int calls, int callers)
            throws InterruptedException {
        AtomicInteger served = new AtomicInteger();
        try {
            warmUp(vertx, clients, mapper, calls, callers, served);
        } catch (RuntimeException e) {
            LOG.warnf("the HTTP client warm-up stopped after %d calls; the first recall job may start slower: %s",
                    served.get(), e.toString());
        }
        return served.get();
    }

    private static void warmUp(Vertx vertx, Function<URI, TencentAdminApi> clients, ObjectMapper mapper, int calls,
            int callers, AtomicInteger served) throws InterruptedException {
        HttpServer server = await(vertx.createHttpServer().requestHandler(request -> request.body(body -> {
            served.incrementAndGet();
            request.response().putHeader("Content-Type", "application/json").end(OK);
        })).listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture());
        try {
            TencentAdminApi client = clients.apply(URI.create("http://127.0.0.1:" + server.actualPort()));
            AtomicInteger next = new AtomicInteger();
            try (var threads = Executors.newVirtualThreadPerTaskExecutor()) {
                for (int caller = 0; caller < callers; caller++) {
                    threads.submit(() -> {
                        for (int call = next.getAndIncrement(); call < calls; call = next.getAndIncrement()) {
                            mapper.readValue(call(client, call).getEntity(), TencentReply.class);
                        }
                        return null;
                    });
                }
            }
            if (client instanceof AutoCloseable closeable) {
                closeable.close();
            }
        } catch (InterruptedException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("the HTTP client warm-up failed", e);
        } finally {
            await(server.close().toCompletionStage().toCompletableFuture());
        }
    }

    private static RestResponse<String> call(TencentAdminApi client, int call) {
        String account = "warm-up-" + call;
        if (call % 2 == 0) {
            return client.adminMsgWithdraw("0", "warm-up", "warm-up", call, "json",
                    new TencentAdminApi.WithdrawRequest(account, account, account));
        }
        return client.groupMsgRecall("0", "warm-up", "warm-up", call, "json",
                TencentAdminApi.GroupRecallRequest.of(account, null, List.of((long) call), "warm-up"));
    }

    private static <T> T await(CompletableFuture<T> future) throws InterruptedException {
        try {
            return future.get(10, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("the HTTP client warm-up server failed", e);
        }
    }
}
