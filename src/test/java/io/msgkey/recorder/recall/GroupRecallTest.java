package io.msgkey.recorder.recall;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.msgkey.recorder.testing.Api.ALICE;
import static io.msgkey.recorder.testing.Api.BOB;
import static io.msgkey.recorder.testing.TencentCallbacks.GROUP_AFTER_RECALL;
import static io.msgkey.recorder.testing.TencentCallbacks.signed;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.msgkey.recorder.testing.GroupMessages;
import io.msgkey.recorder.testing.GroupRecallAnswers;
import io.msgkey.recorder.testing.GroupRecallAnswers.Call;
import io.msgkey.recorder.testing.Messages;
import io.msgkey.recorder.testing.RecallJobs;
import io.msgkey.recorder.testing.Rows;
import io.msgkey.recorder.testing.TencentCallbacks;
import io.msgkey.recorder.testing.TencentStub;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** Group messages in recall jobs: frozen beside one-to-one ones, packed ten to a call, each MsgSeq's RetCode kept. */
@QuarkusTest
@WithTestResource(value = TencentStub.class, scope = TestResourceScope.GLOBAL)
class GroupRecallTest extends RecallEngineTestBase {

    static final String GROUP_RECALL = GroupRecallAnswers.PATH;
    private static final Instant T0 = Instant.parse("2025-06-01T00:00:00Z");

    @BeforeEach
    void answers() {
        GroupRecallAnswers.clear();
        tencent.stubFor(post(urlPathEqualTo(GROUP_RECALL)).willReturn(okJson("{}").withFixedDelay(20)
                .withTransformers(GroupRecallAnswers.NAME)));
        tencent.stubFor(post(urlPathEqualTo(WITHDRAW)).willReturn(okJson(OK)));
    }

    @Test
    void aMixedSelectionFreezesBothKindsAndThePreviewCountsThem() {
        String sender = Messages.unique("mixed");
        String group = Messages.unique("@TGS#mixed");
        Messages.insert(dataSource, sender, Messages.unique("victim"), "c2c-1", T0);
        Messages.insert(dataSource, sender, Messages.unique("victim"), "c2c-2", T0.plusSeconds(1));
        GroupMessages.insertMany(dataSource, group, "", sender, 1, 3, T0.plusSeconds(10));
        // a recall echo alone (it can be forged) does not keep a group message out, as for one-to-one messages
        GroupMessages.markRecalled(dataSource, GroupMessages.insert(dataSource, group, sender, 4, T0.plusSeconds(20)));

        JsonPath job = RecallJobs.create(ALICE, """
                {"filter": {"from": "%s"}, "reason": "spam"}""".formatted(sender));

        assertThat(job.getInt("total")).isEqualTo(6);
        assertThat(job.getInt("groupTotal")).isEqualTo(4);
        assertThat(job.getInt("counts.PENDING")).isEqualTo(6);
        assertThat(job.getInt("alreadyRecalledByCallback")).isEqualTo(1);
        assertThat(job.getString("groupMessagesLeftOut")).isNull();
        assertThat(job.getList("sample.chat", String.class)).containsExactly("group", "group", "group", "group",
                "c2c", "c2c");
        assertThat(job.getList("sample.msgSeq", Integer.class)).containsExactly(4, 3, 2, 1, null, null);
        assertThat(job.getList("sample.groupId", String.class)).containsOnly(group, null);
        assertThat(job.getList("sample.msgKey", String.class)).containsExactly(null, null, null, null, "c2c-2",
                "c2c-1");
        assertThat(job.getLong("estimatedSeconds")).isEqualTo(1);

        JsonPath groupOnly = RecallJobs.create(ALICE, """
                {"filter": {"group": "%s"}, "reason": "spam"}""".formatted(group));
        assertThat(groupOnly.getInt("total")).isEqualTo(4);
        assertThat(groupOnly.getInt("groupTotal")).isEqualTo(4);
        JsonPath oneToOneOnly = RecallJobs.create(ALICE, """
                {"filter": {"from": "%s", "chat": "c2c"}, "reason": "spam"}""".formatted(sender));
        assertThat(oneToOneOnly.getInt("total")).isEqualTo(2);
        assertThat(oneToOneOnly.getInt("groupTotal")).isZero();
    }

    @Test
    void groupItemsArePackedTenPerCallAndNeverTwoGroupsOrTopicsInOneCall() {
        String sender = Messages.unique("packed");
        String first = Messages.unique("@TGS#first");
        String second = Messages.unique("@TGS#second");
        GroupMessages.insertMany(dataSource, first, "", sender, 1, 23, T0);
        GroupMessages.insertMany(dataSource, second, "@TOPIC#a", sender, 101, 5, T0.plusSeconds(5));
        GroupMessages.insertMany(dataSource, second, "@TOPIC#b", sender, 201, 4, T0.plusSeconds(7));
        GroupMessages.insertMany(dataSource, second, "", sender, 301, 3, T0.plusSeconds(9));
        Messages.insert(dataSource, sender, Messages.unique("victim"), "c2c-packed", T0);
        long job = RecallJobs.create(ALICE, """
                {"filter": {"from": "%s"}, "reason": "spam", "reference": "ticket-9"}""".formatted(sender))
                .getLong("id");
        RecallJobs.confirm(BOB, job);

        worker.start();
        JsonPath done = RecallJobs.awaitState(job, "COMPLETED");

        assertThat(done.getInt("counts.RECALLED")).isEqualTo(36);
        List<Call> calls = GroupRecallAnswers.calls(tencent);
        assertThat(calls).hasSize(6).allSatisfy(call -> {
            assertThat(call.msgSeqs()).hasSizeBetween(1, 10);
            assertThat(call.reason()).isEqualTo("spam");
        });
        Map<String, List<Integer>> sizesByChat = calls.stream().collect(Collectors.groupingBy(
                call -> call.groupId() + "|" + call.topicId(),
                Collectors.mapping(call -> call.msgSeqs().size(), Collectors.toList())));
        assertThat(sizesByChat.get(first + "|null")).containsExactlyInAnyOrder(10, 10, 3);
        assertThat(sizesByChat.get(second + "|@TOPIC#a")).containsExactly(5);
        assertThat(sizesByChat.get(second + "|@TOPIC#b")).containsExactly(4);
        assertThat(sizesByChat.get(second + "|null")).containsExactly(3);
        // every MsgSeq of a call is of the call's group and topic
        assertThat(calls).allSatisfy(call -> {
            long base = call.groupId().equals(first) ? 0
                    : call.topicId() == null ? 300
                            : call.topicId().endsWith("a")
                                    ? 100
                                    : 200;
            assertThat(call.msgSeqs()).allSatisfy(seq -> assertThat(seq - base).isBetween(1L, 23L));
        });
        assertThat(GroupRecallAnswers.sentBySeq(tencent)).hasSize(35).allSatisfy((seq, n) -> assertThat(n)
                .isEqualTo(1));
        assertThat(RecallJobs.withdrawCallsByKey(tencent)).containsOnlyKeys("c2c-packed");
        assertThat(Rows.query(dataSource, "SELECT * FROM group_message WHERE from_account = ?", sender))
                .hasSize(35).allSatisfy(row -> {
                    assertThat(row).containsEntry("recall_source", "job").containsEntry("recall_job_id", job);
                    assertThat(row.get("recalled_at")).isNotNull();
                });
        assertThat(RecallJobs.items(dataSource, job)).allSatisfy(item -> assertThat(item)
                .containsEntry("outcome", "RECALLED").containsEntry("attempts", 1).containsEntry("lease_owner", null)
                .containsEntry("in_flight_since", null));
    }

    @Test
    void everyRetCodeBecomesItsItemsOutcomeWithTheCodeKept() {
        String sender = Messages.unique("retcodes");
        String group = Messages.unique("@TGS#codes");
        GroupMessages.insertMany(dataSource, group, "", sender, 1, 8, T0);
        GroupRecallAnswers.answer(group, 2, 10030);
        GroupRecallAnswers.answer(group, 3, 10031);
        GroupRecallAnswers.answer(group, 4, 10032);
        GroupRecallAnswers.answer(group, 5, 10033);
        GroupRecallAnswers.answer(group, 6, 10002, 0);
        GroupRecallAnswers.answer(group, 7, 10002);
        GroupRecallAnswers.answer(group, 8, 123456);
        long job = RecallJobs.createFrom(ALICE, sender);
        RecallJobs.confirm(BOB, job);

        worker.start();
        JsonPath done = RecallJobs.awaitState(job, "COMPLETED");

        Map<Long, Map<String, Object>> bySeq = RecallJobs.items(dataSource, job).stream()
                .collect(Collectors.toMap(item -> ((Number) item.get("msg_seq")).longValue(), item -> item));
        assertOutcome(bySeq.get(1L), "RECALLED", null, 1);
        assertOutcome(bySeq.get(2L), "NOT_FOUND", 10030, 1);
        assertOutcome(bySeq.get(3L), "INVALID", 10031, 1);
        assertOutcome(bySeq.get(4L), "INVALID", 10032, 1);
        assertOutcome(bySeq.get(5L), "INVALID", 10033, 1);
        // a transient RetCode sends that MsgSeq again, alone, as a transient error code is retried one-to-one
        assertOutcome(bySeq.get(6L), "RECALLED", null, 2);
        assertOutcome(bySeq.get(7L), "FAILED", 10002, 5);
        assertOutcome(bySeq.get(8L), "FAILED", 123456, 1);
        assertThat((String) bySeq.get(3L).get("last_error_info")).contains("10031").contains("time limit");
        assertThat(done.getMap("counts")).containsEntry("RECALLED", 2).containsEntry("NOT_FOUND", 1)
                .containsEntry("INVALID", 3).containsEntry("FAILED", 2).containsEntry("PENDING", 0);
        Map<String, Long> sent = GroupRecallAnswers.sentBySeq(tencent);
        assertThat(sent).containsEntry(group + "/1", 1L).containsEntry(group + "/6", 2L)
                .containsEntry(group + "/7", 5L);
        assertThat(GroupRecallAnswers.calls(tencent).get(0).msgSeqs()).hasSize(8);
        assertThat(Rows.query(dataSource, "SELECT msg_seq, recall_source FROM group_message WHERE group_id = ? "
                + "AND recall_source = 'job' ORDER BY msg_seq", group)).extracting(row -> row.get("msg_seq"))
                .containsExactly(1L, 6L);
    }

    @Test
    void aCallLevelErrorAppliesToEveryItemOfThatCallOnly() {
        String sender = Messages.unique("call-error");
        String dissolved = Messages.unique("@TGS#gone");
        String alive = Messages.unique("@TGS#alive");
        GroupMessages.insertMany(dataSource, dissolved, "", sender, 1, 13, T0);
        GroupMessages.insertMany(dataSource, alive, "", sender, 1, 4, T0);
        tencent.stubFor(post(urlPathEqualTo(GROUP_RECALL)).atPriority(1)
                .withRequestBody(matchingJsonPath("$.GroupId", equalTo(dissolved)))
                .willReturn(okJson("{\"ActionStatus\":\"FAIL\",\"ErrorInfo\":\"group not found\",\"ErrorCode\":10010}")));
        long job = RecallJobs.createFrom(ALICE, sender);
        RecallJobs.confirm(BOB, job);

        worker.start();
        JsonPath done = RecallJobs.awaitState(job, "COMPLETED");

        assertThat(done.getMap("counts")).containsEntry("INVALID", 13).containsEntry("RECALLED", 4);
        assertThat(RecallJobs.items(dataSource, job)).filteredOn(item -> dissolved.equals(item.get("group_id")))
                .hasSize(13).allSatisfy(item -> assertOutcome(item, "INVALID", 10010, 1));
        assertThat(GroupRecallAnswers.calls(tencent)).filteredOn(call -> call.groupId().equals(dissolved))
                .extracting(call -> call.msgSeqs().size()).containsExactlyInAnyOrder(10, 3);
    }

    @Test
    void aConfigurationErrorPausesTheJobWithItsItemsPending() {
        String sender = Messages.unique("forbidden");
        String group = Messages.unique("@TGS#forbidden");
        GroupMessages.insertMany(dataSource, group, "", sender, 1, 12, T0);
        tencent.stubFor(post(urlPathEqualTo(GROUP_RECALL)).atPriority(1).willReturn(okJson(
                "{\"ActionStatus\":\"FAIL\",\"ErrorInfo\":\"permission denied\",\"ErrorCode\":10007}")));
        long job = RecallJobs.createFrom(ALICE, sender);
        RecallJobs.confirm(BOB, job);

        worker.start();
        JsonPath paused = RecallJobs.awaitState(job, "PAUSED");

        assertThat(paused.getString("pauseReason")).contains("10007");
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10)).until(() -> Rows.count(dataSource,
                "SELECT count(*) FROM recall_item WHERE job_id = ? AND (in_flight_since IS NOT NULL "
                        + "OR lease_owner IS NOT NULL)",
                job) == 0);
        assertThat(RecallJobs.get(ALICE, job).getInt("counts.PENDING")).isEqualTo(12);
    }

    @Test
    void aGroupRecallEchoConfirmsTheJobsItem() {
        String sender = Messages.unique("group-echo");
        String group = Messages.unique("@TGS#echo");
        GroupMessages.insertMany(dataSource, group, "", sender, 130, 2, T0);
        long job = RecallJobs.createFrom(ALICE, sender);
        RecallJobs.confirm(ALICE, job);
        worker.start();
        RecallJobs.awaitState(job, "COMPLETED");

        ObjectNode echo = TencentCallbacks.sample("group-after-recall");
        echo.put("GroupId", group);
        echo.remove("TopicId");
        signed(GROUP_AFTER_RECALL).body(echo.toString()).post().statusCode(200);

        Map<Long, Object> confirmed = RecallJobs.items(dataSource, job).stream().collect(Collectors.toMap(
                item -> ((Number) item.get("msg_seq")).longValue(), item -> String.valueOf(item.get("confirmed_at"))));
        assertThat(confirmed.get(130L)).isNotEqualTo("null");
        assertThat(confirmed.get(131L)).isEqualTo("null");
        io.msgkey.recorder.testing.Api.as(ALICE).get("/api/recall-jobs/" + job + "/items").then().statusCode(200)
                .body("items.find { it.msgSeq == 130 }.confirmedAt", org.hamcrest.Matchers.notNullValue())
                .body("items.find { it.msgSeq == 130 }.chat", org.hamcrest.Matchers.equalTo("group"));
    }

    static void assertOutcome(Map<String, Object> item, String outcome, Integer code, int attempts) {
        assertThat(item).as("MsgSeq %s", item.get("msg_seq")).containsEntry("outcome", outcome)
                .containsEntry("last_error_code", code).containsEntry("attempts", attempts);
    }
}
