package io.msgkey.recorder.recall;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

import com.github.tomakehurst.wiremock.WireMockServer;

import io.agroal.api.AgroalDataSource;
import io.msgkey.recorder.testing.RecallJobs;
import io.msgkey.recorder.testing.TencentStub;

/**
 * What every test of the running engine against the Tencent stub starts from: no job of an earlier test left to
 * compete for the workers, a stub with no stubbing left over, and the worker stopped after each test, which starts it.
 */
abstract class RecallEngineTestBase {

    static final String WITHDRAW = "/v4/openim/admin_msgwithdraw";
    static final String OK = "{\"ActionStatus\":\"OK\",\"ErrorInfo\":\"\",\"ErrorCode\":0}";

    @Inject
    AgroalDataSource dataSource;

    @Inject
    RecallEngineLifecycle worker;

    @TencentStub.Inject
    WireMockServer tencent;

    @BeforeEach
    void clean() {
        RecallJobs.settleEarlierJobs(dataSource);
        tencent.resetAll();
    }

    @AfterEach
    void stopWorker() throws InterruptedException {
        worker.stop();
    }
}
