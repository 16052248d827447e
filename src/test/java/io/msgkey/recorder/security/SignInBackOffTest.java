package io.msgkey.recorder.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

class SignInBackOffTest {

    private static final Instant T0 = Instant.parse("2024-05-01T00:00:00Z");

    private final SignInBackOff backOff = new SignInBackOff(3, 5, Duration.ofSeconds(30), Duration.ofMinutes(4),
            Duration.ofMinutes(15), 1000);

    @Test
    void aUserBacksOffOnceItReachesItsLimitAndTheBackOffDoubles() {
        fail("eve", "a", 2, T0);
        assertThat(backOff.refusal("eve", "a", T0)).isEmpty();
        assertThat(backOff.failed("eve", "a", T0)).containsExactly(new SignInBackOff.Trip("user", "eve", 3,
                Duration.ofSeconds(30)));
        assertThat(backOff.refusal("eve", "b", T0.plusSeconds(10))).hasValue(Duration.ofSeconds(20));
        assertThat(backOff.refusal("eve", "a", T0.plusSeconds(30))).isEmpty();

        assertThat(backOff.failed("eve", "c", T0.plusSeconds(30))).extracting(SignInBackOff.Trip::backOff)
                .containsExactly(Duration.ofSeconds(60));
        assertThat(backOff.refusal("eve", "c", T0.plusSeconds(31))).hasValue(Duration.ofSeconds(59));
    }

    @Test
    void theBackOffStopsGrowingAtItsMaximum() {
        fail("eve", "a", 10, T0);
        assertThat(backOff.refusal("eve", "x", T0)).hasValue(Duration.ofMinutes(4));
    }

    @Test
    void anAddressBacksOffForEveryUserItTries() {
        for (int i = 0; i < 4; i++) {
            backOff.failed("user-" + i, "198.51.100.7", T0);
        }
        assertThat(backOff.failed("user-4", "198.51.100.7", T0)).containsExactly(new SignInBackOff.Trip("address",
                "198.51.100.7", 5, Duration.ofSeconds(30)));
        assertThat(backOff.refusal("someone-else", "198.51.100.7", T0)).isPresent();
        assertThat(backOff.refusal("someone-else", "198.51.100.8", T0)).isEmpty();
    }

    @Test
    void failuresAreForgottenAfterAQuietSpellAndAUsersOnSuccess() {
        fail("eve", "a", 2, T0);
        fail("eve", "a", 1, T0.plus(Duration.ofMinutes(16)));
        assertThat(backOff.refusal("eve", "a", T0.plus(Duration.ofMinutes(16)))).isEmpty();

        fail("bob", "b", 2, T0);
        backOff.succeeded("bob");
        fail("bob", "b", 1, T0);
        assertThat(backOff.refusal("bob", "z", T0)).isEmpty();
        assertThat(backOff.refusal("z", "b", T0)).isEmpty();
    }

    @Test
    void memoryIsBoundedByDroppingNamesThatDoNotBackOff() {
        SignInBackOff small = new SignInBackOff(2, 1000, Duration.ofSeconds(30), Duration.ofMinutes(4),
                Duration.ofMinutes(15), 10);
        small.failed("eve", "a", T0);
        small.failed("eve", "a", T0);
        for (int i = 0; i < 100; i++) {
            small.failed("spray-" + i, "a", T0);
        }
        assertThat(small.refusal("eve", "b", T0)).isPresent();
    }

    private void fail(String user, String address, int times, Instant at) {
        for (int i = 0; i < times; i++) {
            backOff.failed(user, address, at);
        }
    }
}
