package io.msgkey.recorder.recall;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.msgkey.recorder.testing.Api.ALICE;
import static io.msgkey.recorder.testing.Api.BOB;
import static io.msgkey.recorder.testing.Api.as;
import static io.msgkey.recorder.testing.TencentCallbacks.AFTER_SEND;
import static io.msgkey.recorder.testing.TencentCallbacks.AFTER_WITHDRAW;
import static io.msgkey.recorder.testing.TencentCallbacks.signed;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.msgkey.recorder.testing.Messages;
import io.msgkey.recorder.testing.RecallJobs;
import io.msgkey.recorder.testing.Rows;
import io.msgkey.recorder.testing.TencentCallbacks;
import io.msgkey.recorder.testing.TencentStub;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** Issue 14, item 2: a forged callback cannot take a message out of a takedown. */
@QuarkusTest
@WithTestResource(value = TencentStub.class, scope = TestResourceScope.GLOBAL)
class CallbackShieldTest extends RecallEngineTestBase {

    private static final Instant T0 = Instant.parse("2024-06-01T00:00:00Z");

    @Test
    void messagesMarkedOnlyByCallbacksAreFrozenAndSentWhileAJobsOwnRecallIsNot() {
        String sender = Messages.unique("shielded");
        String victim = Messages.unique("victim");
        for (String key : new String[] { "live", "forged-recall", "forged-failed", "really-recalled", "by-job" }) {
            Messages.insert(dataSource, sender, victim, key, T0);
        }
        // the forged failed send arrives before Tencent's own after-send callback, whose result would win otherwise
        Rows.execute(dataSource, "UPDATE message SET send_result = NULL, seen_after = false "
                + "WHERE from_account = ? AND msg_key = 'forged-failed'", sender);
        callback(AFTER_WITHDRAW, "c2c-after-msg-withdraw", sender, victim, "forged-recall");
        callback(AFTER_WITHDRAW, "c2c-after-msg-withdraw", sender, victim, "really-recalled");
        callback(AFTER_SEND, "c2c-after-send-failed", sender, victim, "forged-failed");
        Rows.execute(dataSource, "UPDATE message SET recalled_at = now(), recall_source = 'job', recall_job_id = 0 "
                + "WHERE from_account = ? AND msg_key = 'by-job'", sender);
        // the search keeps its documented meaning: active is delivered and not recalled, whoever said so
        assertThat(as(ALICE).queryParam("from", sender).get("/api/messages").then().statusCode(200).extract()
                .jsonPath().getList("items.msgKey", String.class)).containsExactly("live");

        JsonPath preview = RecallJobs.create(ALICE, """
                {"filter": {"from": "%s"}, "reason": "spam"}""".formatted(sender));
        assertThat(preview.getInt("total")).isEqualTo(4);
        assertThat(preview.getInt("alreadyRecalledByCallback")).isEqualTo(2);
        assertThat(preview.getInt("undeliveredByCallback")).isEqualTo(1);
        assertThat(preview.getList("sample.msgKey", String.class)).doesNotContain("by-job");

        tencent.stubFor(post(urlPathEqualTo(WITHDRAW))
                .willReturn(okJson("{\"ActionStatus\":\"OK\",\"ErrorInfo\":\"\",\"ErrorCode\":0}")));
        tencent.stubFor(post(urlPathEqualTo(WITHDRAW))
                .withRequestBody(matchingJsonPath("$.MsgKey", equalTo("really-recalled")))
                .willReturn(okJson("{\"ActionStatus\":\"FAIL\",\"ErrorInfo\":\"already\",\"ErrorCode\":20023}")));
        long job = preview.getLong("id");
        RecallJobs.confirm(BOB, job);
        worker.start();
        JsonPath done = RecallJobs.awaitState(job, "COMPLETED");

        assertThat(RecallJobs.withdrawCallsByKey(tencent)).containsOnlyKeys("live", "forged-recall",
                "forged-failed", "really-recalled");
        Map<String, Object> outcomes = RecallJobs.items(dataSource, job).stream()
                .collect(Collectors.toMap(item -> (String) item.get("msg_key"), item -> item.get("outcome")));
        assertThat(outcomes).containsEntry("live", "RECALLED").containsEntry("forged-recall", "RECALLED")
                .containsEntry("forged-failed", "RECALLED").containsEntry("really-recalled", "ALREADY_RECALLED")
                .hasSize(4);
        assertThat(done.getInt("counts.RECALLED")).isEqualTo(3);
        assertThat(done.getInt("counts.ALREADY_RECALLED")).isEqualTo(1);
        assertThat(Rows.count(dataSource, "SELECT count(*) FROM message WHERE from_account = ? AND "
                + "recall_source = 'job' AND recall_job_id = ?", sender, job)).isEqualTo(3);
    }

    @Test
    void aMessageAJobRecalledAfterTheFreezeIsSettledWithoutACall() {
        String sender = Messages.unique("recalled-meanwhile");
        long message = Messages.insert(dataSource, sender, "v", "taken-down", T0);
        long job = RecallJobs.createFrom(ALICE, sender);
        Rows.execute(dataSource, "UPDATE message SET recalled_at = now(), recall_source = 'job', recall_job_id = 0 "
                + "WHERE id = ?", message);
        RecallJobs.confirm(ALICE, job);
        worker.start();

        JsonPath done = RecallJobs.awaitState(job, "COMPLETED");

        assertThat(done.getInt("counts.ALREADY_RECALLED")).isEqualTo(1);
        assertThat(tencent.getAllServeEvents()).isEmpty();
    }

    @Test
    void anItemOutlivesItsMessageRowAndIsStillSent() {
        String sender = Messages.unique("deleted");
        long message = Messages.insert(dataSource, sender, "v", "gone", T0);
        long job = RecallJobs.createFrom(ALICE, sender);
        Rows.execute(dataSource, "DELETE FROM message WHERE id = ?", message);
        tencent.stubFor(post(urlPathEqualTo(WITHDRAW))
                .willReturn(okJson("{\"ActionStatus\":\"OK\",\"ErrorInfo\":\"\",\"ErrorCode\":0}")));
        RecallJobs.confirm(ALICE, job);
        worker.start();

        assertThat(RecallJobs.awaitState(job, "COMPLETED").getInt("counts.RECALLED")).isEqualTo(1);
        assertThat(RecallJobs.withdrawCallsByKey(tencent)).containsOnlyKeys("gone");
    }

    private static void callback(String command, String sample, String from, String to, String msgKey) {
        ObjectNode body = TencentCallbacks.sample(sample);
        body.put("From_Account", from);
        body.put("To_Account", to);
        body.put("MsgKey", msgKey);
        // Tencent gives a message one MsgTime, whichever callback carries it: the message tables' identities hold it
        // (V15), so a callback of the stored message must agree with the stored time
        if (body.has("MsgTime")) {
            body.put("MsgTime", T0.getEpochSecond());
        }
        signed(command).body(body.toString()).post().statusCode(200);
    }
}
