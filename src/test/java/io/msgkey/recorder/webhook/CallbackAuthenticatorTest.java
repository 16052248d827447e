package io.msgkey.recorder.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CallbackAuthenticatorTest {

    private static final long NOW = 1_700_000_000L;

    @ParameterizedTest
    @CsvSource({
            "1700000000, true",
            "1699999940, true",
            "1700000060, true",
            "1699999939, false",
            "1700000061, false",
            // NOW + Long.MIN_VALUE: NOW - it overflows to a negative number, which used to pass
            "-9223372035154775808, false",
            "-9223372036854775808, false",
            "9223372036854775807, false",
            "0, false",
    })
    void requestTimeMustLieWithinTheSkewOfNow(long requestTime, boolean within) {
        assertThat(CallbackAuthenticator.withinSkew(NOW, requestTime, 60)).isEqualTo(within);
    }
}
