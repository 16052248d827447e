package io.msgkey.recorder.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

/** The demo's users have published passwords: the demo never starts beside a real Tencent secret key. */
class DemoTest {

    @Test
    void theDemoRefusesToStartWithARealSecretKey() {
        assertThat(Demo.refusal(List.of("demo"), Optional.of("5bd2850fff3ecb11d7c805251c51ee463a25727b")))
                .hasValueSatisfying(reason -> assertThat(reason)
                        .contains("refuses to start with a Tencent secret key configured")
                        .contains("TENCENT_ADMIN_SECRET_KEY").contains("published passwords")
                        .doesNotContain("5bd2850fff3ecb11d7c805251c51ee463a25727b"));
        assertThat(Demo.refusal(List.of("prod", "demo"), Optional.of("a-real-key"))).isPresent();
    }

    @Test
    void theDemoStartsWithItsOwnPublicKeyOrNone() {
        assertThat(Demo.refusal(List.of("demo"), Optional.of(Demo.SECRET_KEY))).isEmpty();
        assertThat(Demo.refusal(List.of("demo"), Optional.empty())).isEmpty();
        assertThat(Demo.refusal(List.of("demo"), Optional.of(" "))).isEmpty();
    }

    @Test
    void withoutTheDemoProfileAnyKeyIsFine() {
        assertThat(Demo.refusal(List.of("prod"), Optional.of("a-real-key"))).isEmpty();
        assertThat(Demo.refusal(List.of("test"), Optional.of("a-real-key"))).isEmpty();
    }
}
