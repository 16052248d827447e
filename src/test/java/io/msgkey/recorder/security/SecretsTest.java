package io.msgkey.recorder.security;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.msgkey.recorder.testing.Api.ALICE;
import static io.msgkey.recorder.testing.Api.BOB;
import static io.msgkey.recorder.testing.Api.as;
import static io.msgkey.recorder.testing.TencentCallbacks.AFTER_SEND;
import static io.msgkey.recorder.testing.TencentCallbacks.signed;
import static io.msgkey.recorder.testing.TencentCallbacks.uniqueSample;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.WireMockServer;

import io.agroal.api.AgroalDataSource;
import io.msgkey.recorder.recall.RecallEngineLifecycle;
import io.msgkey.recorder.testing.Messages;
import io.msgkey.recorder.testing.RecallJobs;
import io.msgkey.recorder.testing.TencentStub;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** The secret key, the callback token, the UserSig made from the key and user passwords never leave the service. */
@QuarkusTest
@WithTestResource(value = TencentStub.class, scope = TestResourceScope.GLOBAL)
class SecretsTest {

    private static final String SECRET_KEY = "5bd2850fff3ecb11d7c805251c51ee463a25727bddc2385f3fa8bfee1bb93b5e";
    private static final String CALLBACK_TOKEN = "test-callback-token";
    private static final String SESSION_KEY = "quarkus.http.auth.session.encryption-key";

    @Inject
    AgroalDataSource dataSource;

    @Inject
    RecallEngineLifecycle worker;

    @TencentStub.Inject
    WireMockServer tencent;

    private final Queue<String> logged = new ConcurrentLinkedQueue<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            logged.add(String.valueOf(record.getMessage()) + " " + List.of(record.getParameters() == null
                    ? new Object[0]
                    : record.getParameters()) + " " + (record.getThrown() == null ? "" : record.getThrown()));
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeEach
    void captureLogs() {
        Logger.getLogger("").addHandler(capture);
        RecallJobs.settleEarlierJobs(dataSource);
        tencent.resetAll();
    }

    @AfterEach
    void stop() throws InterruptedException {
        Logger.getLogger("").removeHandler(capture);
        worker.stop();
    }

    @Test
    void secretsAppearInNoResponseAndNoLogLine() {
        tencent.stubFor(post(urlPathEqualTo("/v4/openim/admin_msgwithdraw")).willReturn(okJson(
                "{\"ActionStatus\":\"FAIL\",\"ErrorInfo\":\"Failed to parse the sig\",\"ErrorCode\":70009}")));
        String sender = Messages.unique("secret");
        Messages.insert(dataSource, sender, Messages.unique("to"), "k", Instant.parse("2024-08-01T00:00:00Z"));
        long job = RecallJobs.createFrom(ALICE, sender);
        RecallJobs.confirm(BOB, job);
        worker.start();
        String paused = RecallJobs.awaitState(job, "PAUSED").prettify();
        String userSig = tencent.getAllServeEvents().get(0).getRequest().queryParameter("usersig").firstValue();

        signed(AFTER_SEND).body(uniqueSample("c2c-after-send", "secret").toString()).post().statusCode(200);
        signed(AFTER_SEND).param("Sign", "0000").body("{}").post().statusCode(401);
        given().auth().preemptive().basic(ALICE, "not-the-password").get("/api/recall-jobs").then().statusCode(401);

        List<String> responses = List.of(paused,
                given().get("/q/health").asString(),
                given().get("/q/metrics").asString(),
                given().get("/q/openapi").asString(),
                as(ALICE).get("/api/recall-jobs/" + job).asString(),
                as(ALICE).get("/api/recall-jobs/" + job + "/items").asString());
        for (String secret : List.of(SECRET_KEY, CALLBACK_TOKEN, userSig, "alice-demo", "not-the-password")) {
            assertThat(responses).noneMatch(body -> body.contains(secret));
            assertThat(logged).as("log lines").noneMatch(line -> line.contains(secret));
        }
        assertThat(logged).isNotEmpty();
    }

    @Test
    void theWholeLogFileIsFreeOfSecretsFromStartUpOn() throws Exception {
        String log = Files.readString(Path.of("target/quarkus-test.log"));
        assertThat(log).isNotEmpty().doesNotContain(SECRET_KEY).doesNotContain(CALLBACK_TOKEN)
                .doesNotContain("alice-demo").doesNotContain("temporary key")
                .doesNotContain(ConfigProvider.getConfig().getValue(SESSION_KEY, String.class));
    }

    @Test
    void secretConfigurationCannotBeReadBack() {
        assertThatThrownBy(() -> ConfigProvider.getConfig().getValue("tencent.admin.secret-key", String.class))
                .isInstanceOf(SecurityException.class);
        assertThatThrownBy(() -> ConfigProvider.getConfig().getValue("tencent.callback.token", String.class))
                .isInstanceOf(SecurityException.class);
    }
}
