package io.msgkey.recorder.security;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.msgkey.recorder.common.ForeignText;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.UsernamePasswordAuthenticationRequest;
import io.quarkus.security.spi.runtime.AuthenticationFailureEvent;
import io.quarkus.security.spi.runtime.AuthenticationSuccessEvent;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;

/**
 * Backs off sign-ins (HTTP Basic and the console's form) after repeated failures. It runs as the first identity
 * provider for user name and password, so that a refused attempt never reaches the password check, and hands every
 * other attempt on to the users in configuration. Outcomes come from Quarkus's security events.
 */
@ApplicationScoped
public class SignInThrottle implements IdentityProvider<UsernamePasswordAuthenticationRequest> {

    private static final Logger LOG = Logger.getLogger(SignInThrottle.class);
    private static final String ATTEMPT = SignInThrottle.class.getName() + ".attempt";
    private static final String FORM_PATH = "/j_security_check";
    private static final String RETRY_AFTER = SignInThrottle.class.getName() + ".retry-after-seconds";

    private record Attempt(String user, String address, String mechanism) {
    }

    private final SignInBackOff backOff;
    private final ClientAddresses addresses;
    private final Clock clock;
    private final MeterRegistry registry;

    SignInThrottle(SecurityConfig config, ClientAddresses addresses, Clock clock, MeterRegistry registry) {
        this.backOff = SignInBackOff.of(config.signIn());
        this.addresses = addresses;
        this.clock = clock;
        this.registry = registry;
    }

    @Override
    public Class<UsernamePasswordAuthenticationRequest> getRequestType() {
        return UsernamePasswordAuthenticationRequest.class;
    }

    /** Ahead of every other provider of user names and passwords (theirs is 1001 by default). */
    @Override
    public int priority() {
        return 2000;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(UsernamePasswordAuthenticationRequest request,
            AuthenticationRequestContext context) {
        RoutingContext http = HttpSecurityUtils.getRoutingContextAttribute(request);
        if (http == null) {
            return Uni.createFrom().nullItem();
        }
        Attempt attempt = new Attempt(request.getUsername(), addresses.of(http.request()),
                FORM_PATH.equals(http.normalizedPath()) ? "form" : "basic");
        http.put(ATTEMPT, attempt);
        Optional<Duration> wait = backOff.refusal(attempt.user(), attempt.address(), clock.instant());
        if (wait.isPresent()) {
            counter("security.sign-in.refused", "Sign-ins refused while their user or address backs off", attempt)
                    .increment();
            long seconds = Math.max(1, wait.get().toSeconds() + (wait.get().toNanosPart() > 0 ? 1 : 0));
            return Uni.createFrom().failure(new AuthenticationFailedException("too many failed sign-ins",
                    Map.of(RETRY_AFTER, seconds)));
        }
        return Uni.createFrom().nullItem();
    }

    void failed(@Observes AuthenticationFailureEvent event) {
        Attempt attempt = attempt(event.getEventProperties());
        if (attempt == null || retryAfterSeconds(event.getAuthenticationFailure()).isPresent()) {
            return;
        }
        counter("security.sign-in.failures", "Sign-ins with a wrong user name or password", attempt).increment();
        for (SignInBackOff.Trip trip : backOff.failed(attempt.user(), attempt.address(), clock.instant())) {
            LOG.warnf("sign-in for %s %s backed off for %d s after %d failures (last one for user %s from %s)",
                    trip.kind(), ForeignText.printable(trip.key()), trip.backOff().toSeconds(), trip.failures(),
                    ForeignText.printable(attempt.user()), ForeignText.printable(attempt.address()));
        }
    }

    void succeeded(@Observes AuthenticationSuccessEvent event) {
        Attempt attempt = attempt(event.getEventProperties());
        if (attempt != null) {
            backOff.succeeded(attempt.user());
        }
    }

    /** For a sign-in refused while backing off: whole seconds until it may be tried again. */
    static Optional<Long> retryAfterSeconds(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof AuthenticationFailedException refused && refused.getAttribute(RETRY_AFTER) != null) {
                return Optional.of(refused.<Long> getAttribute(RETRY_AFTER));
            }
        }
        return Optional.empty();
    }

    /** The attempt this provider saw, from the request the event is about (HTTP events carry it by class name). */
    private static Attempt attempt(Map<String, Object> eventProperties) {
        return eventProperties.get(RoutingContext.class.getName()) instanceof RoutingContext http ? http.get(ATTEMPT)
                : null;
    }

    private Counter counter(String name, String description, Attempt attempt) {
        return Counter.builder(name).description(description).tag("mechanism", attempt.mechanism()).register(registry);
    }
}
