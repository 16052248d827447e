package io.msgkey.recorder.tencent;

import java.io.InterruptedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Consumer;

import jakarta.ws.rs.client.ClientRequestContext;
import jakarta.ws.rs.client.ClientRequestFilter;

import org.jboss.logging.Logger;

import io.vertx.core.http.HttpClientRequest;

/**
 * Each API's {@link SendWindow} at both ends of the HTTP client: as a request filter, the last step on the caller's
 * own thread, it holds back a caller whose send would put too many calls into one window; as the client's request
 * customizer, called by the event loop just before the request is written, it notes the send on the wire. Requests are
 * told apart by their {@code random} query parameter, which every call to Tencent carries, new for each attempt.
 */
final class SendGate implements ClientRequestFilter, Consumer<HttpClientRequest> {

    /** With this logger at DEBUG, each request carries the time it passed, for a benchmark stub to measure from. */
    static final String PASSED_AT = "X-MsgKey-Gate-Passed-At";
    /** At DEBUG too: the time it reached the wire. */
    static final String WIRED_AT = "X-MsgKey-Wired-At";
    private static final Logger LOG = Logger.getLogger(SendGate.class);
    private static final String RANDOM = "random=";

    private final Map<RateLimitedCommand, SendWindow> windows = new EnumMap<>(RateLimitedCommand.class);

    /** {@code second}: the limiter's second, the jitter allowance included. */
    SendGate(Map<RateLimitedCommand, Integer> limits, Duration second) {
        limits.forEach((command, limit) -> windows.put(command, new SendWindow(limit, second.toNanos())));
    }

    @Override
    public void filter(ClientRequestContext request) throws InterruptedIOException {
        Optional<SendWindow> window = window(request.getUri().getRawPath());
        OptionalLong key = key(request.getUri().getRawQuery());
        if (window.isEmpty() || key.isEmpty()) {
            return;
        }
        try {
            window.get().enter(key.getAsLong());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted before the request was sent");
        }
        if (LOG.isDebugEnabled()) {
            request.getHeaders().putSingle(PASSED_AT, micros());
        }
    }

    @Override
    public void accept(HttpClientRequest request) {
        Optional<SendWindow> window = window(request.path());
        OptionalLong key = key(request.query());
        if (window.isPresent() && key.isPresent()) {
            window.get().wired(key.getAsLong());
            if (LOG.isDebugEnabled()) {
                request.putHeader(WIRED_AT, Long.toString(micros()));
            }
        }
    }

    /** The call of this API with this random is over, whether or not it reached the wire. */
    void ended(RateLimitedCommand command, long random) {
        SendWindow window = windows.get(command);
        if (window != null) {
            window.ended(random);
        }
    }

    /** Calls of this API that passed and have not reached the wire (nor ended). */
    int pending(RateLimitedCommand command) {
        return windows.get(command).pending();
    }

    private Optional<SendWindow> window(String path) {
        if (path != null) {
            for (Map.Entry<RateLimitedCommand, SendWindow> window : windows.entrySet()) {
                if (path.endsWith("/" + window.getKey().command())) {
                    return Optional.of(window.getValue());
                }
            }
        }
        return Optional.empty();
    }

    private static OptionalLong key(String query) {
        if (query != null) {
            for (String parameter : query.split("&")) {
                if (parameter.startsWith(RANDOM)) {
                    try {
                        return OptionalLong.of(Long.parseLong(parameter.substring(RANDOM.length())));
                    } catch (NumberFormatException e) {
                        return OptionalLong.empty();
                    }
                }
            }
        }
        return OptionalLong.empty();
    }

    private static long micros() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000 + now.getNano() / 1000;
    }
}
