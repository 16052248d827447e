package io.msgkey.recorder.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class IpRangeTest {

    @ParameterizedTest
    @CsvSource({
            "198.51.100.0/24, 198.51.100.0, true",
            "198.51.100.0/24, 198.51.100.255, true",
            "198.51.100.0/24, 198.51.101.0, false",
            "183.192.202.0/25, 183.192.202.127, true",
            "183.192.202.0/25, 183.192.202.128, false",
            "127.0.0.2, 127.0.0.2, true",
            "127.0.0.2, 127.0.0.3, false",
            "0.0.0.0/0, 203.0.113.9, true",
            "0.0.0.0/0, 2001:db8::1, false",
            "2001:db8::/32, 2001:db8:ffff::1, true",
            "2001:db8::/32, 2001:db9::1, false",
            "2001:db8::/33, 2001:db8:8000::1, false",
            "::1, 0:0:0:0:0:0:0:1, true",
            "::1, [::1], true",
            "198.51.100.0/24, ::ffff:198.51.100.7, true",
            "10.0.0.0/8, not-an-address, false",
            "10.0.0.0/8, '', false",
    })
    void rangesContainTheirAddressesOnly(String range, String address, boolean contained) {
        assertThat(IpRange.anyContains(List.of(IpRange.parse(range)), address)).isEqualTo(contained);
    }

    @ParameterizedTest
    @ValueSource(strings = { "example.com", "198.51.100.0/33", "2001:db8::/129", "198.51.100.0/-1", "198.51.100.0/x",
            "198.51.100", "1.2.3.4.5" })
    void whatIsNoCidrIsRefusedAtStartNotResolved(String cidr) {
        assertThatThrownBy(() -> IpRange.parseAll("tencent.callback.allowed-sources", List.of("10.0.0.0/8", cidr)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("tencent.callback.allowed-sources: ");
    }

    @Test
    void blankEntriesOfAListAreSkipped() {
        assertThat(IpRange.parseAll("x", List.of(" ", "10.0.0.0/8"))).hasSize(1);
        assertThat(IpRange.parse(" 10.1.2.3/8 ")).hasToString("10.1.2.3/8");
    }
}
