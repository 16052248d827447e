package io.msgkey.recorder.sync;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.msgkey.recorder.tencent.TencentError;

class SyncVerdictTest {

    @ParameterizedTest
    @CsvSource({ "CONFIG, PAUSE_JOB", "USERSIG_EXPIRED, PAUSE_JOB", "RATE_LIMITED, RETRY_LATER",
            "SIG_CHECK_THROTTLED, RETRY_LATER", "TRANSIENT, RETRY_LATER", "INVALID, FAIL", "NOT_FOUND, FAIL",
            "UNKNOWN, FAIL" })
    void aFetchThatFailedAfterTheClientsRetriesPausesRetriesLaterOrFails(TencentError error, SyncVerdict verdict) {
        assertThat(SyncVerdict.of(error)).isEqualTo(verdict);
    }
}
