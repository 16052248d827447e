package io.msgkey.recorder.recall;

import static io.msgkey.recorder.testing.Api.ALICE;
import static io.msgkey.recorder.testing.Api.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.time.Instant;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.agroal.api.AgroalDataSource;
import io.msgkey.recorder.testing.GroupMessages;
import io.msgkey.recorder.testing.Messages;
import io.msgkey.recorder.testing.RecallJobs;
import io.msgkey.recorder.testing.Rows;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * Until recall jobs recall group messages, a job freezes one-to-one messages only: a filter selecting group messages
 * alone is refused, and one over all chats says how many group messages it left out.
 */
@QuarkusTest
class GroupRecallRefusalTest {

    private static final Instant T0 = Instant.parse("2025-06-01T00:00:00Z");

    @Inject
    AgroalDataSource dataSource;

    private String sender;
    private String group;

    @BeforeEach
    void messages() {
        RecallJobs.settleEarlierJobs(dataSource);
        sender = Messages.unique("mixed-sender");
        group = Messages.unique("@TGS#recall");
        Messages.insert(dataSource, sender, Messages.unique("victim"), "c2c-1", T0);
        Messages.insert(dataSource, sender, Messages.unique("victim"), "c2c-2", T0.plusSeconds(1));
        for (int seq = 1; seq <= 3; seq++) {
            GroupMessages.insert(dataSource, group, sender, seq, T0.plusSeconds(10 + seq));
        }
        GroupMessages.markRecalled(dataSource, GroupMessages.insert(dataSource, group, sender, 4, T0.plusSeconds(20)));
    }

    @ParameterizedTest
    @ValueSource(strings = { "\"chat\": \"group\"", "\"group\": \"{group}\"", "\"chat\": \"all\", \"group\": \"{group}\"" })
    void aFilterSelectingGroupMessagesIsRefusedAndCreatesNothing(String selection) {
        long jobs = Rows.count(dataSource, "SELECT count(*) FROM recall_job");
        as(ALICE).body("""
                {"filter": {"from": "%s", %s}, "reason": "spam"}""".formatted(sender, selection.replace("{group}", group)))
                .post("/api/recall-jobs").then().statusCode(422)
                .body("error", equalTo("group messages cannot be recalled yet; use chat=c2c"));
        assertThat(Rows.count(dataSource, "SELECT count(*) FROM recall_job")).isEqualTo(jobs);
    }

    @Test
    void allChatsFreezeTheOneToOneMessagesAndCountTheActiveGroupMessagesLeftOut() {
        JsonPath job = RecallJobs.create(ALICE, """
                {"filter": {"from": "%s"}, "reason": "spam"}""".formatted(sender));
        assertThat(job.getInt("total")).isEqualTo(2);
        assertThat(job.getLong("groupMessagesLeftOut")).isEqualTo(3);
        assertThat(job.getList("sample.msgKey", String.class)).containsExactly("c2c-2", "c2c-1");
        assertThat(RecallJobs.get(ALICE, job.getLong("id")).getString("groupMessagesLeftOut")).isNull();
    }

    @Test
    void oneToOneOnlyLeavesNothingOut() {
        JsonPath job = RecallJobs.create(ALICE, """
                {"filter": {"from": "%s", "chat": "c2c"}, "reason": "spam"}""".formatted(sender));
        assertThat(job.getInt("total")).isEqualTo(2);
        assertThat(job.getLong("groupMessagesLeftOut")).isZero();
    }

    @Test
    void aSenderOfGroupMessagesOnlyHasNothingToRecallAndIsToldWhy() {
        String groupOnly = Messages.unique("group-only");
        GroupMessages.insert(dataSource, group, groupOnly, 9, T0);
        as(ALICE).body("""
                {"filter": {"from": "%s"}, "reason": "spam"}""".formatted(groupOnly)).post("/api/recall-jobs").then()
                .statusCode(422).body("error", equalTo("no active one-to-one message matches the filter, only 1 "
                        + "group messages, which cannot be recalled yet: there is nothing to recall"));
    }
}
