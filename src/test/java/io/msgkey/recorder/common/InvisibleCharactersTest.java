package io.msgkey.recorder.common;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.msgkey.recorder.testing.Api.ALICE;
import static io.msgkey.recorder.testing.Api.BOB;
import static io.msgkey.recorder.testing.Api.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.github.tomakehurst.wiremock.WireMockServer;

import io.agroal.api.AgroalDataSource;
import io.msgkey.recorder.recall.RecallEngineLifecycle;
import io.msgkey.recorder.testing.Messages;
import io.msgkey.recorder.testing.RecallJobs;
import io.msgkey.recorder.testing.TencentStub;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Text from outside (account ids typed into a search, error text from Tencent or a proxy) can carry characters that
 * are invisible or reorder what is shown around them: a search refuses them, stored text has them removed.
 */
@QuarkusTest
@WithTestResource(value = TencentStub.class, scope = TestResourceScope.GLOBAL)
class InvisibleCharactersTest {

    @Inject
    AgroalDataSource dataSource;

    @Inject
    RecallEngineLifecycle worker;

    @TencentStub.Inject
    WireMockServer tencent;

    @AfterEach
    void stop() throws InterruptedException {
        worker.stop();
    }

    @ParameterizedTest
    @ValueSource(strings = { "ann\u200B", "\uFEFFann", "a\u200Cnn", "a\u200Dnn", "an\u2060n", "ann\u202E", "a\u2066nn",
            "ann\u0085", "an\u2028n", "an\tn", "an\u001Bn" })
    void accountIdsWithInvisibleOrControlCharactersAreRefusedNamingTheParameter(String account) {
        for (String parameter : List.of("from", "to", "user")) {
            as(ALICE).queryParam(parameter, account).get("/api/messages").then().statusCode(400)
                    .body("parameter", equalTo(parameter)).body("error", containsString(parameter));
        }
        as(ALICE).queryParam("user", "ann").queryParam("peer", account).get("/api/messages/count").then()
                .statusCode(400).body("parameter", equalTo("peer"));
        as(ALICE).body("{\"filter\": {\"from\": \"%s\"}, \"reason\": \"spam\"}".formatted(escape(account)))
                .post("/api/recall-jobs").then().statusCode(400).body("parameter", equalTo("from"));
    }

    @Test
    void accountIdsAreTrimmedOfWhitespaceLineBreaksIncluded() {
        String sender = Messages.unique("padded");
        Messages.insert(dataSource, sender, "victim", "padded-key", Instant.parse("2024-04-01T00:00:00Z"));
        as(ALICE).queryParam("from", "  " + sender + " ").get("/api/messages").then().statusCode(200)
                .body("items.size()", equalTo(1)).body("items[0].from", equalTo(sender));
        as(ALICE).queryParam("from", sender + "\r\n").get("/api/messages").then().statusCode(200)
                .body("items.size()", equalTo(1));
    }

    @Test
    void errorTextFromTencentIsStoredWithoutBidiControlsOrLineSeparators() {
        RecallJobs.settleEarlierJobs(dataSource);
        tencent.resetAll();
        tencent.stubFor(post(urlPathEqualTo("/v4/openim/admin_msgwithdraw")).willReturn(okJson(
                "{\"ActionStatus\":\"FAIL\",\"ErrorInfo\":\"invalid \\u202Egnp.exe\\u2028next\\u0085line\\u009B"
                        + "x\\u2066y\\u2069\",\"ErrorCode\":90054}")));
        String sender = Messages.unique("bidi");
        Messages.insert(dataSource, sender, "victim", "bidi-key", Instant.parse("2024-04-01T00:00:00Z"));
        long job = RecallJobs.createFrom(ALICE, sender);
        RecallJobs.confirm(BOB, job);
        worker.start();
        RecallJobs.awaitState(job, "COMPLETED");

        Map<String, Object> item = RecallJobs.items(dataSource, job).get(0);
        assertThat(item).containsEntry("outcome", "INVALID");
        assertThat((String) item.get("last_error_info")).isEqualTo("invalid gnp.exe next line xy");
    }

    private static String escape(String text) {
        StringBuilder json = new StringBuilder();
        text.chars().forEach(c -> json.append(c < 0x20 || c > 0x7E ? "\\u%04x".formatted(c) : String.valueOf((char) c)));
        return json.toString();
    }
}
