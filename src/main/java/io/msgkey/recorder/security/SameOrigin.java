package io.msgkey.recorder.security;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * Whether a browser's state-changing request was started by a page of this service: its Origin (or, failing that,
 * its Referer) must name the host the request was sent to. A request with neither is no cross-site form submission
 * (browsers send Origin with every form POST) and passes; "Origin: null", sent from sandboxed or privacy-stripped
 * contexts, does not.
 */
public final class SameOrigin {

    private SameOrigin() {
    }

    public static boolean check(String origin, String referer, String host) {
        if (origin != null && !origin.isBlank()) {
            return matches(origin, host);
        }
        if (referer != null && !referer.isBlank()) {
            return matches(referer, host);
        }
        return true;
    }

    private static boolean matches(String url, String host) {
        if (host == null || host.isBlank()) {
            return false;
        }
        try {
            URI uri = new URI(url.strip());
            if (uri.getScheme() == null || uri.getHost() == null) {
                return false;
            }
            String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
            int defaultPort = scheme.equals("https") ? 443 : scheme.equals("http") ? 80 : -1;
            return authority(uri.getHost(), uri.getPort(), defaultPort).equals(authority(host.strip(), defaultPort));
        } catch (URISyntaxException e) {
            return false;
        }
    }

    private static String authority(String host, int defaultPort) {
        try {
            URI uri = new URI("http://" + host);
            return uri.getHost() == null ? "" : authority(uri.getHost(), uri.getPort(), defaultPort);
        } catch (URISyntaxException e) {
            return "";
        }
    }

    private static String authority(String host, int port, int defaultPort) {
        String name = host.toLowerCase(Locale.ROOT);
        return port == -1 || port == defaultPort ? name : name + ":" + port;
    }
}
