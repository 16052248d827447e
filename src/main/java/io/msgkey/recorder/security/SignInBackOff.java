package io.msgkey.recorder.security;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Failed sign-ins per user name and per client address. Once either has failed its limit, further attempts for it
 * are refused for a back-off that starts at {@code backOff} and doubles with every failure after that, up to
 * {@code maxBackOff}. Failures are forgotten {@code forgetAfter} after the last one; a success forgets the user's.
 * Memory is bounded: past {@code maxTracked} names or addresses, those not backing off are dropped first.
 */
final class SignInBackOff {

    /** Who is now refused, and for how long, because of the failure just recorded. */
    record Trip(String kind, String key, int failures, Duration backOff) {
    }

    private record Failures(int count, Instant last) {
    }

    private final int maxPerUser;
    private final int maxPerAddress;
    private final Duration backOff;
    private final Duration maxBackOff;
    private final Duration forgetAfter;
    private final int maxTracked;
    private final Map<String, Failures> users = new ConcurrentHashMap<>();
    private final Map<String, Failures> addresses = new ConcurrentHashMap<>();

    SignInBackOff(int maxPerUser, int maxPerAddress, Duration backOff, Duration maxBackOff, Duration forgetAfter,
            int maxTracked) {
        this.maxPerUser = maxPerUser;
        this.maxPerAddress = maxPerAddress;
        this.backOff = backOff;
        this.maxBackOff = maxBackOff.compareTo(backOff) < 0 ? backOff : maxBackOff;
        this.forgetAfter = forgetAfter;
        this.maxTracked = maxTracked;
    }

    static SignInBackOff of(SecurityConfig.SignIn config) {
        return new SignInBackOff(config.maxFailuresPerUser(), config.maxFailuresPerAddress(), config.backOff(),
                config.maxBackOff(), config.forgetAfter(), 100_000);
    }

    /** How long an attempt for this user from this address must still wait; empty when it may go ahead. */
    Optional<Duration> refusal(String user, String address, Instant now) {
        Duration wait = max(remaining(users.get(user), maxPerUser, now),
                remaining(addresses.get(address), maxPerAddress, now));
        return wait.isPositive() ? Optional.of(wait) : Optional.empty();
    }

    List<Trip> failed(String user, String address, Instant now) {
        List<Trip> trips = new ArrayList<>(2);
        record(users, user, maxPerUser, now).ifPresent(f -> trips.add(new Trip("user", user, f.count(),
                backOffAfter(f.count(), maxPerUser))));
        record(addresses, address, maxPerAddress, now).ifPresent(f -> trips.add(new Trip("address", address,
                f.count(), backOffAfter(f.count(), maxPerAddress))));
        return trips;
    }

    void succeeded(String user) {
        users.remove(user);
    }

    /** Empty unless the user or address now backs off. */
    private Optional<Failures> record(Map<String, Failures> failures, String key, int limit, Instant now) {
        if (failures.size() >= maxTracked && !failures.containsKey(key)) {
            evict(failures, limit, now);
        }
        Failures updated = failures.compute(key, (k, old) -> new Failures(
                old == null || isForgotten(old, now) ? 1 : old.count() + 1, now));
        return updated.count() >= limit ? Optional.of(updated) : Optional.empty();
    }

    private void evict(Map<String, Failures> failures, int limit, Instant now) {
        failures.values().removeIf(f -> isForgotten(f, now));
        if (failures.size() >= maxTracked) {
            failures.values().removeIf(f -> f.count() < limit);
        }
    }

    private Duration remaining(Failures failures, int limit, Instant now) {
        if (failures == null || failures.count() < limit || isForgotten(failures, now)) {
            return Duration.ZERO;
        }
        return Duration.between(now, failures.last().plus(backOffAfter(failures.count(), limit)));
    }

    private Duration backOffAfter(int count, int limit) {
        int doublings = Math.min(count - limit, 30);
        Duration wait = backOff.multipliedBy(1L << doublings);
        return wait.compareTo(maxBackOff) > 0 ? maxBackOff : wait;
    }

    /** Forgotten once the back-off is over and no failure came for {@code forgetAfter}. */
    private boolean isForgotten(Failures failures, Instant now) {
        return !now.isBefore(failures.last().plus(forgetAfter.compareTo(maxBackOff) < 0 ? maxBackOff : forgetAfter));
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }
}
