package io.msgkey.recorder.tencent;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What each of Tencent's error codes and HTTP statuses means for the caller (protocol page, table 2.1). */
class TencentErrorTest {

    @ParameterizedTest
    @CsvSource({
            "0, NONE",
            "60007, RATE_LIMITED", "60011, RATE_LIMITED", "60018, RATE_LIMITED", "60019, RATE_LIMITED",
            "70050, SIG_CHECK_THROTTLED",
            "60004, TRANSIENT", "70169, TRANSIENT", "90994, TRANSIENT", "91000, TRANSIENT",
            "70001, USERSIG_EXPIRED",
            "70003, CONFIG", "70009, CONFIG", "70020, CONFIG", "60016, CONFIG", "60026, CONFIG", "90009, CONFIG",
            "90001, INVALID", "90054, INVALID", "70402, INVALID",
            "20022, NOT_FOUND",
            "20023, ALREADY_RECALLED",
            "123456, UNKNOWN", "-1, UNKNOWN",
    })
    void codes(int code, TencentError error) {
        assertThat(TencentError.of(code)).isEqualTo(error);
    }

    @ParameterizedTest
    @CsvSource({ "429, RATE_LIMITED", "500, TRANSIENT", "502, TRANSIENT", "503, TRANSIENT", "400, CONFIG",
            "401, CONFIG", "403, CONFIG", "404, CONFIG" })
    void httpStatusesFromTheEdgeOrAProxy(int status, TencentError error) {
        assertThat(TencentError.ofHttpStatus(status)).isEqualTo(error);
    }

    @Test
    void onlyRateLimitsAndTransientFailuresAreRetried() {
        assertThat(TencentError.values()).filteredOn(TencentError::retryable)
                .containsExactlyInAnyOrder(TencentError.RATE_LIMITED, TencentError.SIG_CHECK_THROTTLED,
                        TencentError.TRANSIENT);
    }
}
