package io.msgkey.recorder.testing;

import static io.msgkey.recorder.testing.Api.as;
import static org.awaitility.Awaitility.await;

import java.time.Duration;

import javax.sql.DataSource;

import io.restassured.path.json.JsonPath;

/** Creating and watching sync jobs through the API. */
public final class SyncJobs {

    private SyncJobs() {
    }

    /** Leaves no sync job of an earlier test running, so an engine started now works only on this test's jobs. */
    public static void settleEarlierJobs(DataSource dataSource) {
        Rows.execute(dataSource, "UPDATE sync_conversation SET state = 'SKIPPED', lease_owner = NULL, "
                + "lease_until = NULL WHERE state = 'PENDING'");
        Rows.execute(dataSource, "UPDATE sync_job SET state = 'CANCELLED', list_pending = false, lease_owner = NULL "
                + "WHERE state IN ('RUNNING', 'PAUSED')");
    }

    public static JsonPath create(String user, String body) {
        return as(user).body(body).post("/api/sync-jobs").then().statusCode(201).extract().jsonPath();
    }

    public static JsonPath get(long job) {
        return as(Api.ALICE).get("/api/sync-jobs/" + job).then().statusCode(200).extract().jsonPath();
    }

    public static JsonPath awaitState(long job, String state) {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                .until(() -> state.equals(get(job).getString("state")));
        return get(job);
    }

    public static long pagesRecorded(DataSource dataSource, long job) {
        return Rows.count(dataSource, "SELECT coalesce(sum(pages), 0) FROM sync_conversation WHERE job_id = ?", job);
    }
}
