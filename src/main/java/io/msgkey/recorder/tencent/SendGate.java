package io.msgkey.recorder.tencent;

import java.io.InterruptedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;

import jakarta.ws.rs.client.ClientRequestContext;
import jakarta.ws.rs.client.ClientRequestFilter;

import org.jboss.logging.Logger;

/**
 * The last step before a request to Tencent leaves the HTTP client, on the caller's own thread: each API's
 * {@link SendWindow} holds back a caller that reached it late, so that the calls arriving at Tencent stay within the
 * limit even when threads were delayed between their slot and the send (a busy CPU, a GC pause, a cold JIT). Placed
 * here rather than right after the slot, so that little can happen between the window and the wire.
 */
final class SendGate implements ClientRequestFilter {

    /** With this logger at DEBUG, each request carries the time it passed, for a benchmark stub to measure from. */
    static final String PASSED_AT = "X-MsgKey-Gate-Passed-At";
    private static final Logger LOG = Logger.getLogger(SendGate.class);

    private final Map<RateLimitedCommand, SendWindow> windows = new EnumMap<>(RateLimitedCommand.class);

    /** {@code second}: the limiter's second, the jitter allowance included. */
    SendGate(Map<RateLimitedCommand, Integer> limits, Duration second) {
        long allowance = second.minusSeconds(1).toNanos();
        limits.forEach((command, limit) -> windows.put(command, new SendWindow(limit, second.toNanos(), allowance)));
    }

    @Override
    public void filter(ClientRequestContext request) throws InterruptedIOException {
        String path = request.getUri().getPath();
        for (Map.Entry<RateLimitedCommand, SendWindow> window : windows.entrySet()) {
            if (path.endsWith("/" + window.getKey().command())) {
                enter(window.getValue());
                if (LOG.isDebugEnabled()) {
                    Instant now = Instant.now();
                    request.getHeaders().putSingle(PASSED_AT, now.getEpochSecond() * 1_000_000 + now.getNano() / 1000);
                }
                return;
            }
        }
    }

    private static void enter(SendWindow window) throws InterruptedIOException {
        try {
            window.enter();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted before the request was sent");
        }
    }
}
