package io.msgkey.recorder.tencent;

import java.net.ConnectException;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

import javax.net.ssl.SSLHandshakeException;

import io.msgkey.recorder.common.Causes;
import io.vertx.core.http.ConnectionPoolTooBusyException;

/**
 * Words for a failure below Tencent's replies (timeout, reset, refused connection) that are safe to store and show.
 * The HTTP client puts the request URI in its messages, and the URI's query carries the admin UserSig: a credential
 * good for every admin API until it expires. Every query string is cut, and any UserSig left is masked besides.
 */
final class TransportErrors {

    private static final Pattern QUERY = Pattern.compile("(/v4/[^\\s?]*)\\?\\S*");
    private static final Pattern USERSIG = Pattern.compile("(?i)(usersig=)[^&\\s]+");
    private static final int MAX_LENGTH = 300;

    private TransportErrors() {
    }

    static String describe(Throwable e) {
        Throwable cause = Causes.root(e);
        return masked(cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage());
    }

    /** Any text that may quote a request URL, such as a proxy's error page. */
    static String masked(String text) {
        String safe = USERSIG.matcher(QUERY.matcher(text).replaceAll("$1")).replaceAll("$1***");
        return safe.length() <= MAX_LENGTH ? safe : safe.substring(0, MAX_LENGTH) + "…";
    }

    /**
     * A connection never made (refused, unknown host, failed TLS handshake, no pooled connection free) carried no
     * request: Tencent cannot have acted on it.
     */
    static boolean neverSent(Throwable e) {
        Throwable cause = Causes.root(e);
        return cause instanceof ConnectException || cause instanceof UnknownHostException
                || cause instanceof SSLHandshakeException || cause instanceof ConnectionPoolTooBusyException;
    }
}
