package io.msgkey.recorder.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.msgkey.recorder.common.IpRange;

class ClientAddressesTest {

    private final ClientAddresses behindProxies = new ClientAddresses(
            List.of(IpRange.parse("10.0.0.0/8"), IpRange.parse("2001:db8::/32")));

    @Test
    void withoutTrustedProxiesTheHeaderIsIgnored() {
        ClientAddresses direct = new ClientAddresses(List.of());
        assertThat(direct.resolve("203.0.113.9", List.of("198.51.100.7"))).isEqualTo("203.0.113.9");
    }

    @Test
    void aPeerThatIsNoTrustedProxyIsTheClientWhateverItClaims() {
        assertThat(behindProxies.resolve("203.0.113.9", List.of("198.51.100.7"))).isEqualTo("203.0.113.9");
    }

    @Test
    void theNearestAddressNotOfATrustedProxyIsTheClient() {
        assertThat(behindProxies.resolve("10.0.0.1", List.of("198.51.100.7"))).isEqualTo("198.51.100.7");
        assertThat(behindProxies.resolve("10.0.0.1", List.of("1.1.1.1, 198.51.100.7, 10.0.0.2")))
                .isEqualTo("198.51.100.7");
        assertThat(behindProxies.resolve("10.0.0.1", List.of("1.1.1.1", "198.51.100.7, 2001:db8::5")))
                .isEqualTo("198.51.100.7");
    }

    @Test
    void aForgedFirstEntryDoesNotWin() {
        assertThat(behindProxies.resolve("10.0.0.1", List.of("198.51.100.7, 203.0.113.9"))).isEqualTo("203.0.113.9");
    }

    @Test
    void withNoHeaderOrOnlyProxiesInItTheLastTrustedHopIsTheClient() {
        assertThat(behindProxies.resolve("10.0.0.1", List.of())).isEqualTo("10.0.0.1");
        assertThat(behindProxies.resolve("10.0.0.1", List.of("10.0.0.3, 10.0.0.2"))).isEqualTo("10.0.0.3");
    }

    @Test
    void aMalformedHopIsTakenAsTheClientSoThatItMatchesNoAllowList() {
        assertThat(behindProxies.resolve("10.0.0.1", List.of("198.51.100.7, unknown"))).isEqualTo("unknown");
        assertThat(behindProxies.resolve("10.0.0.1", List.of("198.51.100.7,,10.0.0.2"))).isEmpty();
    }
}
