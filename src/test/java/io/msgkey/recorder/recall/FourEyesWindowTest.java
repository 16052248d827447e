package io.msgkey.recorder.recall;

import static io.msgkey.recorder.testing.Api.ALICE;
import static io.msgkey.recorder.testing.Api.BOB;
import static io.msgkey.recorder.testing.Api.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

import java.time.Instant;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.msgkey.recorder.testing.Messages;
import io.msgkey.recorder.testing.RecallJobs;
import io.msgkey.recorder.testing.Rows;
import io.msgkey.recorder.testing.TencentStub;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;

/** Four-eyes over a rolling window (threshold 5 in tests): small jobs confirmed alone add up. */
@QuarkusTest
@TestProfile(FourEyesWindowTest.DayLongWindow.class)
@WithTestResource(value = TencentStub.class, scope = TestResourceScope.GLOBAL)
class FourEyesWindowTest {

    public static class DayLongWindow implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("recall.second-approver-window", "24h");
        }
    }

    private static final Instant T0 = Instant.parse("2024-07-01T00:00:00Z");

    @Inject
    AgroalDataSource dataSource;

    @Test
    void aModeratorsJobsConfirmedAloneWithinTheWindowCountTogether() {
        RecallJobs.settleEarlierJobs(dataSource);
        long first = job(3);
        RecallJobs.confirm(ALICE, first);

        long second = job(3);
        JsonPath waiting = RecallJobs.get(ALICE, second);
        assertThat(waiting.getBoolean("approval.secondApproverRequired")).isTrue();
        assertThat(waiting.getInt("approval.confirmedAloneInWindow")).isEqualTo(3);
        assertThat(waiting.getString("approval.notBy")).isEqualTo(ALICE);
        as(ALICE).post("/api/recall-jobs/" + second + "/confirm").then().statusCode(409)
                .body("error", containsString("alice confirmed 3 more alone in jobs created within the last 24 h"));
        RecallJobs.confirm(BOB, second);

        // the job another moderator confirmed had its second pair of eyes: 2 + 3 is not above 5
        long third = job(2);
        assertThat(RecallJobs.get(ALICE, third).getBoolean("approval.secondApproverRequired")).isFalse();
        RecallJobs.confirm(ALICE, third);

        long jobs = Rows.count(dataSource, "SELECT count(*) FROM recall_job");
        as(ALICE).body("""
                {"filter": {"from": "%s"}, "reason": "spam", "confirm": true}""".formatted(sender(1)))
                .post("/api/recall-jobs").then().statusCode(409).body("error", containsString("more than 5 in all"));
        assertThat(Rows.count(dataSource, "SELECT count(*) FROM recall_job")).isEqualTo(jobs);

        // jobs created before the window no longer count
        Rows.execute(dataSource, "UPDATE recall_job SET created_at = now() - interval '25 hours' WHERE id IN (?, ?)",
                first, third);
        long later = job(5);
        RecallJobs.confirm(ALICE, later);
    }

    private long job(int messages) {
        return RecallJobs.createFrom(ALICE, sender(messages));
    }

    private String sender(int messages) {
        String sender = Messages.unique("split");
        for (int i = 0; i < messages; i++) {
            Messages.insert(dataSource, sender, "v", "k-" + i, T0.plusSeconds(i));
        }
        return sender;
    }
}
