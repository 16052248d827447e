package io.msgkey.recorder.tencent;

import java.io.InterruptedIOException;
import java.nio.charset.StandardCharsets;
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

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.ChannelPromise;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.net.impl.ConnectionBase;

/**
 * Each API's {@link SendWindow} at both ends of the HTTP client: as a request filter, the last step on the caller's
 * own thread, it holds back a caller whose send would put too many calls into one window; at the socket, it notes each
 * request as its head is written to the connection. Requests are told apart by their {@code random} query parameter,
 * which every call to Tencent carries, new for each attempt.
 * <p>
 * Vert.x offers no public hook where a request meets the socket, so the client's request customizer (called once a
 * connection is leased, before the request is written) puts a handler into the connection's Netty pipeline just
 * below its HTTP encoder (above TLS, so the bytes are still readable), through Vert.x's connection implementation. Were the
 * connection ever of another kind, or its pipeline without that encoder, the customizer notes
 * the send itself, a little earlier than the wire (up to 40 ms earlier measured under load: the event loop's delay).
 */
final class SendGate implements ClientRequestFilter, Consumer<HttpClientRequest> {

    /** With this logger at DEBUG, each request carries the time it passed, for a benchmark stub to measure from. */
    static final String PASSED_AT = "X-MsgKey-Gate-Passed-At";
    private static final Logger LOG = Logger.getLogger(SendGate.class);
    private static final String RANDOM = "random=";
    private static final String WIRE_TAP = "msgkey-send-window";
    /** The name of the HTTP/1.1 codec in the pipeline of a Vert.x client connection. */
    private static final String HTTP_CODEC = "codec";
    /** Enough of a request's first bytes to hold its request line. */
    private static final int REQUEST_LINE_MAX = 4096;

    private final Map<RateLimitedCommand, SendWindow> windows = new EnumMap<>(RateLimitedCommand.class);
    private final WireTap wireTap = new WireTap();

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
        ChannelPipeline pipeline = request.connection() instanceof ConnectionBase connection
                ? connection.channel().pipeline()
                : null;
        if (pipeline == null || pipeline.get(HTTP_CODEC) == null) {
            wired(request.path(), request.query());
        } else if (pipeline.get(WIRE_TAP) == null) {
            try {
                // just below the HTTP encoder, above TLS: the request's bytes as they go out, still readable
                pipeline.addBefore(HTTP_CODEC, WIRE_TAP, wireTap);
            } catch (IllegalArgumentException addedMeanwhile) {
                // another request on this connection put it there first
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

    private void wired(String path, String query) {
        Optional<SendWindow> window = window(path);
        OptionalLong key = key(query);
        if (window.isPresent() && key.isPresent()) {
            window.get().wired(key.getAsLong());
        }
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

    /** At the socket's end of a connection: notes each request whose head is written, by its request line. */
    @ChannelHandler.Sharable
    private final class WireTap extends ChannelOutboundHandlerAdapter {

        @Override
        public void write(ChannelHandlerContext context, Object message, ChannelPromise promise) throws Exception {
            if (message instanceof ByteBuf bytes) {
                requestLine(bytes).ifPresent(line -> {
                    // "POST /v4/openim/admin_msgwithdraw?...&random=42&... HTTP/1.1"
                    String target = line.substring(line.indexOf(' ') + 1, line.lastIndexOf(' '));
                    int query = target.indexOf('?');
                    if (query > 0) {
                        wired(target.substring(0, query), target.substring(query + 1));
                    }
                });
            }
            super.write(context, message, promise);
        }

        private static Optional<String> requestLine(ByteBuf bytes) {
            int from = bytes.readerIndex();
            int end = bytes.indexOf(from, from + Math.min(bytes.readableBytes(), REQUEST_LINE_MAX), (byte) '\n');
            if (end < 0 || bytes.getByte(from) != 'P') {
                return Optional.empty();
            }
            String line = bytes.toString(from, end - from, StandardCharsets.US_ASCII).trim();
            return line.startsWith("POST /") && line.endsWith(" HTTP/1.1") ? Optional.of(line) : Optional.empty();
        }
    }
}
