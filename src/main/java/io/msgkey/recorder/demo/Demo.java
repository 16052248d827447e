package io.msgkey.recorder.demo;

import java.util.List;
import java.util.Optional;

import io.quarkus.runtime.configuration.ConfigUtils;

/**
 * The demo setup is on exactly when the {@code demo} profile is (dev mode inherits it). Its admin API key is public,
 * since the demo users' passwords are: it works only with the simulated Tencent, and the demo refuses to start with any
 * other key.
 */
public final class Demo {

    public static final String PROFILE = "demo";
    /** Public on purpose: the simulated admin API accepts UserSigs made with it, Tencent never would. */
    public static final String SECRET_KEY = "msgkey-demo-key-public-works-only-with-the-simulated-tencent";

    private Demo() {
    }

    public static boolean active() {
        return ConfigUtils.isProfileActive(PROFILE);
    }

    /**
     * Why the service must not start, if it must not: the demo profile with a real Tencent secret key would put users
     * with published passwords in front of real recalls.
     */
    static Optional<String> refusal(List<String> profiles, Optional<String> secretKey) {
        if (!profiles.contains(PROFILE) || secretKey.filter(key -> !key.isBlank() && !SECRET_KEY.equals(key))
                .isEmpty()) {
            return Optional.empty();
        }
        return Optional.of("The demo profile refuses to start with a Tencent secret key configured "
                + "(tencent.admin.secret-key, TENCENT_ADMIN_SECRET_KEY): its users alice, bob and carol have published "
                + "passwords. To use your app's key, start without the demo profile and configure your own users "
                + "(README, Access control); to try the demo, unset the key: it recalls against a simulated Tencent.");
    }
}
