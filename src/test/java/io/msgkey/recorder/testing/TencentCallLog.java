package io.msgkey.recorder.testing;

import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

import jakarta.ws.rs.client.ClientRequestContext;
import jakarta.ws.rs.client.ClientRequestFilter;
import jakarta.ws.rs.ext.Provider;

/**
 * Notes the moment each request to Tencent leaves the service's HTTP client. Registered for every REST client of the
 * test application, it observes the pacing from outside the rate limiter that produces it; the stub's own arrival
 * times also include the stub's scheduling delays on a busy machine.
 */
@Provider
public class TencentCallLog implements ClientRequestFilter {

    private static final Queue<Sent> SENT = new ConcurrentLinkedQueue<>();

    private record Sent(long millis, String path) {
    }

    @Override
    public void filter(ClientRequestContext request) {
        SENT.add(new Sent(System.currentTimeMillis(), request.getUri().getPath()));
    }

    public static void clear() {
        SENT.clear();
    }

    public static List<Long> sentMillis() {
        return SENT.stream().map(Sent::millis).sorted().toList();
    }

    /** The moments requests to one API (its path) left. */
    public static List<Long> sentMillis(String path) {
        return SENT.stream().filter(sent -> sent.path().equals(path)).map(Sent::millis).sorted().toList();
    }
}
