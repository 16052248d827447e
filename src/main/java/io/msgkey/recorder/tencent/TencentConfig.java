package io.msgkey.recorder.tencent;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.hibernate.validator.constraints.time.DurationMin;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.Secret;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "tencent")
public interface TencentConfig {

    /** The app's SDKAppID: callbacks for any other app are refused, and every admin call is made for it. */
    long sdkAppId();

    /**
     * How long Tencent keeps one-to-one messages in roaming storage (7 days unless the app's edition extends it).
     * Sync jobs fetch this far back by default; recall previews count the messages older than it, which Tencent may
     * no longer find.
     */
    @WithDefault("P7D")
    Duration roamingPeriod();

    Callback callback();

    Admin admin();

    Api api();

    Retry retry();

    interface Callback {
        /** The console's callback authentication token; without it callbacks are not authenticated. */
        Optional<Secret<String>> token();

        /**
         * How far RequestTime may be from our clock before a signed callback is treated as a replay. Tencent's own
         * rule is 60 s, and nothing it documents allows less: a fresh callback arrives within its 2 s timeout, but
         * whether a retried after-callback (console switch, interval undocumented) is signed anew is not stated, and
         * a refused after-callback is lost for good. Lower it (10s, say) where clocks are NTP-synchronised and retries
         * are off; the source allow-list narrows who can replay a leaked URL more than a shorter window does.
         */
        @WithDefault("60s")
        Duration maxClockSkew();

        /**
         * Networks (CIDR ranges or addresses, IPv4 or IPv6) callbacks are accepted from; empty accepts any source.
         * Fill it from Tencent's callback egress list (v4/ConfigSvc/GetIPList, nettype 5 and 6), which changes.
         */
        Optional<List<String>> allowedSources();
    }

    interface Admin {
        /** An app admin account: Tencent only accepts admin calls signed for one. */
        @WithDefault("administrator")
        String identifier();

        /** The app's secret key, from which UserSigs are made. Required for any call to Tencent. */
        Optional<Secret<String>> secretKey();

        /** UserSig validity; a new one is made well before it runs out. */
        @WithDefault("P1D")
        Duration userSigValidity();
    }

    interface Api {
        /** The region the app lives in; picks Tencent's admin API domain. */
        Optional<TencentRegion> region();

        /** Overrides the region's domain, e.g. for a proxy or a test stub. */
        Optional<URI> baseUrl();

        @WithDefault("3s")
        Duration connectTimeout();

        @WithDefault("10s")
        Duration readTimeout();

        /** admin_getroammsg calls per second across all instances. */
        @WithDefault("200")
        @Min(1)
        int roamRatePerSecond();

        /** v4/recentcontact/get_list calls per second across all instances. */
        @WithDefault("200")
        @Min(1)
        int recentContactRatePerSecond();

        /** group_msg_recall calls per second across all instances; each call recalls up to ten messages. */
        @WithDefault("200")
        @Min(1)
        @Max(100000)
        int groupRecallRatePerSecond();

        /** Calls are spaced as if a second lasted this much longer, so network jitter cannot push one over the limit. */
        @WithDefault("20ms")
        Duration rateLimitJitterAllowance();

        /**
         * How long the shared pace of an API stays slowed down after Tencent refused one of its calls as over the limit
         * (60007, 60011): 20 % slower, slower again by each refusal after the first second, to an eighth at most.
         */
        @WithDefault("2s")
        @DurationMin(seconds = 1)
        Duration rateLimitSlowdown();

        /**
         * Calls the HTTP client makes at start to a local server of its own, never to Tencent, so that the first recall
         * job does not meet a cold client path (see README, Performance); 0 skips the warm-up.
         */
        @WithDefault("4000")
        @Min(0)
        int warmUpCalls();

        /** Warm-up calls in flight at once. */
        @WithDefault("20")
        @Min(1)
        int warmUpCallers();

        /** Connections kept to Tencent: recalls at 200/s with 300 ms latency need about 60 at once. */
        @WithDefault("100")
        @Min(1)
        int connectionPoolSize();

        /** Empty when neither a region nor a base URL is configured: admin calls then fail as a configuration error. */
        default Optional<URI> endpoint() {
            return baseUrl().or(() -> region().map(region -> URI.create("https://" + region.domain())));
        }
    }

    /** Retries of rate-limited and transient failures, before a caller sees them. */
    interface Retry {
        @WithDefault("4")
        @Min(0)
        int maxRetries();

        /** First backoff; each next one doubles, with jitter, up to max-delay. */
        @WithDefault("200ms")
        Duration initialDelay();

        @WithDefault("10s")
        Duration maxDelay();

        /** Tencent asks for at least a minute after 70050 (too many bad UserSig checks). */
        @WithDefault("60s")
        Duration sigCheckThrottledDelay();
    }
}
