package io.msgkey.recorder.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SameOriginTest {

    @ParameterizedTest
    @CsvSource(nullValues = "-", value = {
            "http://localhost:8080, -, localhost:8080, true",
            "https://console.example.com, -, console.example.com, true",
            "https://console.example.com, -, console.example.com:443, true",
            "https://Console.Example.com, -, console.example.com, true",
            "http://[::1]:8080, -, [::1]:8080, true",
            "-, https://console.example.com/console/search?from=x, console.example.com, true",
            "-, -, console.example.com, true",
            "https://evil.example, -, console.example.com, false",
            "https://console.example.com.evil.example, -, console.example.com, false",
            "https://console.example.com:8443, -, console.example.com, false",
            "null, -, console.example.com, false",
            "https://evil.example, https://console.example.com/, console.example.com, false",
            "-, https://evil.example/page, console.example.com, false",
            "-, not a url, console.example.com, false",
            "https://console.example.com, -, -, false",
    })
    void onlyPagesOfThisServiceMayStartIt(String origin, String referer, String host, boolean allowed) {
        assertThat(SameOrigin.check(origin, referer, host)).isEqualTo(allowed);
    }
}
