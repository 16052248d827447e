package io.msgkey.recorder.security;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.msgkey.recorder.common.IpRange;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.SocketAddress;

/**
 * The address a request came from. X-Forwarded-For is believed only as far as trusted proxies wrote it: read from the
 * right, each hop that is a trusted proxy passes the question on, and the first one that is not is the client. The
 * leftmost entry, which Quarkus's own forwarding support would take, is whatever the client chose to send.
 */
@ApplicationScoped
public class ClientAddresses {

    private static final String X_FORWARDED_FOR = "X-Forwarded-For";

    private final List<IpRange> trustedProxies;

    @Inject
    ClientAddresses(SecurityConfig config) {
        this(IpRange.parseAll("security.trusted-proxies", config.trustedProxies().orElse(List.of())));
    }

    ClientAddresses(List<IpRange> trustedProxies) {
        this.trustedProxies = trustedProxies;
    }

    public String of(HttpServerRequest request) {
        // the connection's peer, not request.remoteAddress(), which forwarding support may already have rewritten
        SocketAddress peer = request.connection().remoteAddress();
        return resolve(peer == null ? "" : peer.hostAddress(), request.headers().getAll(X_FORWARDED_FOR));
    }

    String resolve(String peer, List<String> forwardedFor) {
        if (trustedProxies.isEmpty() || !IpRange.anyContains(trustedProxies, peer)) {
            return peer;
        }
        List<String> hops = new ArrayList<>();
        for (String header : forwardedFor) {
            for (String hop : header.split(",")) {
                hops.add(hop.strip());
            }
        }
        String client = peer;
        for (int i = hops.size() - 1; i >= 0; i--) {
            client = hops.get(i);
            if (!IpRange.anyContains(trustedProxies, client)) {
                return client;
            }
        }
        return client;
    }
}
