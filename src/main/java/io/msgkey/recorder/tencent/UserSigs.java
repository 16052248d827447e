package io.msgkey.recorder.tencent;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.config.Secret;

/**
 * The admin account's current UserSig. A UserSig may be reused until it nears expiry, so one is kept and replaced
 * at half its validity, long before Tencent would refuse it, or at once when Tencent reports it expired (70001).
 */
@ApplicationScoped
public class UserSigs {

    private final TencentConfig config;
    private final Clock clock;
    private String current;
    private Instant renewAt = Instant.MIN;

    UserSigs(TencentConfig config, Clock clock) {
        this.config = config;
        this.clock = clock;
    }

    public synchronized String current() {
        Instant now = clock.instant();
        if (current == null || !now.isBefore(renewAt)) {
            String secretKey = config.admin().secretKey().map(Secret::get)
                    .orElseThrow(() -> new IllegalStateException("tencent.admin.secret-key is not configured"));
            Duration validity = config.admin().userSigValidity();
            current = UserSig.generate(config.sdkAppId(), secretKey, config.admin().identifier(), now.getEpochSecond(),
                    validity.toSeconds());
            renewAt = now.plus(validity.dividedBy(2));
        }
        return current;
    }

    /** Tencent said the UserSig expired: the next call makes a new one. */
    public synchronized void renew() {
        current = null;
    }
}
