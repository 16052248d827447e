package io.msgkey.recorder.webhook;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.msgkey.recorder.tencent.TencentConfig;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.config.Secret;

/**
 * Whether a request is a callback from Tencent for this app: {@code Sign = hex(sha256(token + RequestTime))} with
 * replay protection, and the SdkAppid. Everything it looks at is in the query string, so it runs before a body is read.
 */
@ApplicationScoped
public class CallbackAuthenticator {

    private static final Logger LOG = Logger.getLogger(CallbackAuthenticator.class);
    private static final long MAX_SKEW_SECONDS = 3600;

    private final Optional<String> token;
    private final long maxSkewSeconds;
    private final long sdkAppId;
    private final Clock clock;

    CallbackAuthenticator(TencentConfig config, Clock clock) {
        this.token = config.callback().token().map(Secret::get).filter(value -> !value.isBlank());
        this.maxSkewSeconds = config.callback().maxClockSkew().toSeconds();
        if (maxSkewSeconds < 1 || maxSkewSeconds > MAX_SKEW_SECONDS) {
            throw new IllegalArgumentException("tencent.callback.max-clock-skew is " + config.callback().maxClockSkew()
                    + "; it must lie between 1s and 1h");
        }
        this.sdkAppId = config.sdkAppId();
        this.clock = clock;
    }

    void warnWhenOpen(@Observes StartupEvent event) {
        if (token.isEmpty()) {
            LOG.warn("tencent.callback.token is not set: /tencent/callback accepts unsigned requests. "
                    + "Enable callback authentication in Tencent's console and set the same token here.");
        }
    }

    public void verify(String sign, String requestTime) {
        if (token.isEmpty()) {
            return;
        }
        if (sign == null || sign.isEmpty()) {
            throw CallbackRejected.unauthorized("Sign query parameter is required");
        }
        if (requestTime == null || requestTime.isEmpty()) {
            throw CallbackRejected.unauthorized("RequestTime query parameter is required");
        }
        long seconds;
        try {
            seconds = Long.parseLong(requestTime);
        } catch (NumberFormatException e) {
            throw CallbackRejected.unauthorized("RequestTime must be Unix seconds");
        }
        if (!withinSkew(clock.instant().getEpochSecond(), seconds, maxSkewSeconds)) {
            throw CallbackRejected.unauthorized("RequestTime is more than " + maxSkewSeconds + " s from now");
        }
        byte[] expected = sign(token.get(), requestTime).getBytes(StandardCharsets.US_ASCII);
        byte[] given = sign.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII);
        if (!MessageDigest.isEqual(expected, given)) {
            throw CallbackRejected.unauthorized("Sign does not match");
        }
    }

    public void checkApp(String sdkAppid) {
        if (sdkAppid == null || sdkAppid.isEmpty()) {
            throw CallbackRejected.badRequest("SdkAppid query parameter is required");
        }
        long value;
        try {
            value = Long.parseLong(sdkAppid);
        } catch (NumberFormatException e) {
            throw CallbackRejected.badRequest("SdkAppid must be a number");
        }
        if (value != sdkAppId) {
            throw new CallbackRejected(403, "SdkAppid " + value + " is not this service's app");
        }
    }

    /** Compared without subtracting the two: {@code now - requestTime} overflows for a RequestTime near Long.MIN_VALUE. */
    static boolean withinSkew(long nowSeconds, long requestTime, long maxSkewSeconds) {
        return requestTime >= nowSeconds - maxSkewSeconds && requestTime <= nowSeconds + maxSkewSeconds;
    }

    static String sign(String token, String requestTime) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(sha256.digest((token + requestTime).getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
