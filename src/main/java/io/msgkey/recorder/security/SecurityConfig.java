package io.msgkey.recorder.security;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import jakarta.validation.constraints.Min;

import org.hibernate.validator.constraints.time.DurationMin;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

@ConfigMapping(prefix = "security")
public interface SecurityConfig {

    /**
     * Reverse proxies and load balancers (addresses or CIDR ranges) in front of the service. Only a request arriving
     * from one of them has its X-Forwarded-For read, right to left, past every trusted hop; any other request is
     * judged by its own peer address. Used by the callback allow-list and the sign-in back-off.
     */
    Optional<List<String>> trustedProxies();

    // named explicitly so that a refused value is reported under the key it is set with, not "signIn"
    @WithName("sign-in")
    SignIn signIn();

    /** Back-off after failed sign-ins (HTTP Basic and the console's form), per user name and per client address. */
    interface SignIn {
        /** Failures for one user name, from anywhere, before its sign-ins back off. */
        @WithDefault("5")
        @Min(1)
        int maxFailuresPerUser();

        /** Failures from one address, whatever user names it tries, before its sign-ins back off. */
        @WithDefault("20")
        @Min(1)
        int maxFailuresPerAddress();

        /** The first back-off; it doubles with every further failure. */
        @WithDefault("30s")
        @DurationMin(seconds = 1)
        Duration backOff();

        @WithDefault("15m")
        @DurationMin(seconds = 1)
        Duration maxBackOff();

        /** Failures this old, with no failure since, are forgotten; a successful sign-in forgets the user's too. */
        @WithDefault("15m")
        @DurationMin(seconds = 1)
        Duration forgetAfter();
    }
}
