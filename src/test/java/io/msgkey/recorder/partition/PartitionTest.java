package io.msgkey.recorder.partition;

import static io.msgkey.recorder.testing.TencentCallbacks.AFTER_SEND;
import static io.msgkey.recorder.testing.TencentCallbacks.signed;
import static io.msgkey.recorder.testing.TencentCallbacks.uniqueSample;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.agroal.api.AgroalDataSource;
import io.msgkey.recorder.ingest.MessageRecord;
import io.msgkey.recorder.ingest.MessageRecord.Kind;
import io.msgkey.recorder.ingest.MessageStore;
import io.msgkey.recorder.ingest.StandIns;
import io.msgkey.recorder.testing.Messages;
import io.msgkey.recorder.testing.Rows;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class PartitionTest {

    private static final long APP = 1400000000L;

    @Inject
    AgroalDataSource dataSource;

    @Inject
    MessageStore store;

    @Inject
    PartitionMaintenance maintenance;

    @Inject
    PartitionConfig config;

    @Test
    void daysFromTodayToTheDaysAheadArePartitionsOfBothTables() throws Exception {
        maintenance.ensureAhead();
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        for (String parent : DayPartition.PARENTS) {
            List<String> partitions = Rows.query(dataSource, """
                    SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
                    WHERE i.inhparent = ?::regclass ORDER BY c.relname""", parent).stream()
                    .map(row -> (String) row.get("relname")).toList();
            for (long ahead = 0; ahead <= config.ahead().toDays(); ahead++) {
                assertThat(partitions).contains(new DayPartition(parent, today.plusDays(ahead)).name());
            }
            assertThat(partitions).contains(parent + "_default");
        }
        assertThat(maintenance.ensureAhead()).as("a second run finds nothing to do").isZero();
    }

    @Test
    void aMsgTimeBeyondThePreparedDaysLandsInTheDefaultPartitionAndMovesIntoItsDayLater() throws Exception {
        LocalDate far = LocalDate.now(ZoneOffset.UTC).plusDays(400 + (long) (Math.random() * 1000));
        Instant msgTime = far.atStartOfDay(ZoneOffset.UTC).plusSeconds(3600).toInstant();
        ObjectNode body = uniqueSample("c2c-after-send", "far");
        body.put("MsgTime", msgTime.getEpochSecond());
        signed(AFTER_SEND).body(body.toString()).post().statusCode(200).body("ErrorCode", equalTo(0));
        String from = body.get("From_Account").asText();
        Map<String, Object> landed = where(from);
        assertThat(landed).containsEntry("partition", "message_default").containsEntry("msg_time", msgTime);

        maintenance.ensure(far, far);

        assertThat(where(from)).containsEntry("partition", new DayPartition("message", far).name())
                .containsEntry("id", landed.get("id")).containsEntry("msg_time", msgTime);
        assertThat(Rows.count(dataSource, "SELECT count(*) FROM message WHERE from_account = ?", from)).isOne();
    }

    @Test
    void aRecallEchoFirstAndTheSendCallbackOnAnotherDayEndInOneRowOfTheRealDay() throws Exception {
        String from = Messages.unique("echo-first");
        Instant sent = today().plusSeconds(600);
        Instant recalled = sent.plus(1, ChronoUnit.DAYS);
        store.write(List.of(echo(from, "k", recalled)));
        Map<String, Object> standIn = where(from);
        assertThat(standIn).containsEntry("partition", dayOf("message", recalled)).containsEntry("msg_time_estimated",
                true);
        assertThat(standInEntries(from)).as("the stand-in is listed for the write path").isOne();

        store.write(List.of(sent(from, "k", sent)));
        assertThat(standInEntries(from)).as("and no longer once the real record came").isZero();

        Map<String, Object> row = where(from);
        assertThat(row).containsEntry("id", standIn.get("id")).containsEntry("msg_time", sent)
                .containsEntry("msg_time_estimated", false).containsEntry("seen_after", true)
                .containsEntry("recall_source", "tencent").containsEntry("partition", dayOf("message", sent));
        assertThat(Rows.count(dataSource, "SELECT count(*) FROM message WHERE from_account = ?", from)).isOne();

        store.write(List.of(echo(from, "k", recalled.plusSeconds(60))));
        assertThat(where(from)).containsEntry("id", standIn.get("id")).containsEntry("msg_time", sent);
    }

    @Test
    void anEarlierStandInMovesTheStoredOneAndTheRealTimeWinsOverBoth() throws Exception {
        String from = Messages.unique("stand-ins");
        Instant sent = today().plusSeconds(60);
        store.write(List.of(echo(from, "k", sent.plus(2, ChronoUnit.DAYS))));
        long id = ((Number) where(from).get("id")).longValue();
        store.write(List.of(echo(from, "k", sent.plus(1, ChronoUnit.DAYS))));
        assertThat(where(from)).containsEntry("id", id).containsEntry("msg_time", sent.plus(1, ChronoUnit.DAYS));
        store.write(List.of(sent(from, "k", sent)));
        assertThat(where(from)).containsEntry("id", id).containsEntry("msg_time", sent);
    }

    @Test
    void anEchoAndItsSendCallbackInConcurrentBatchesEndInOneRow() throws Exception {
        Instant sent = today().plusSeconds(120);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 20; round++) {
                String from = Messages.unique("race-" + round);
                CyclicBarrier start = new CyclicBarrier(2);
                List<Future<?>> writes = new ArrayList<>();
                for (MessageRecord record : List.of(echo(from, "k", sent.plus(1, ChronoUnit.DAYS)),
                        sent(from, "k", sent))) {
                    writes.add(pool.submit(() -> {
                        start.await();
                        store.write(List.of(record));
                        return null;
                    }));
                }
                for (Future<?> write : writes) {
                    write.get();
                }
                List<Map<String, Object>> rows = Rows.query(dataSource,
                        "SELECT msg_time, msg_time_estimated, recall_source FROM message WHERE from_account = ?",
                        from);
                assertThat(rows).as("round " + round).hasSize(1);
                assertThat(rows.get(0)).containsEntry("msg_time", sent).containsEntry("msg_time_estimated", false)
                        .containsEntry("recall_source", "tencent");
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aGroupRecallEchoFirstAndItsSendCallbackEndInOneRowOfTheRealDay() throws Exception {
        String group = Messages.unique("@TGS#partition");
        Instant sent = today().plusSeconds(900);
        store.write(List.of(groupRecord(Kind.GROUP_RECALL, group, null, sent.plus(1, ChronoUnit.DAYS))));
        Map<String, Object> standIn = groupRow(group);
        assertThat(Rows.count(dataSource, "SELECT count(*) FROM group_message_stand_in WHERE group_id = ?", group))
                .isOne();
        store.write(List.of(groupRecord(Kind.GROUP_AFTER_SEND, group, sent, null)));
        assertThat(Rows.count(dataSource, "SELECT count(*) FROM group_message_stand_in WHERE group_id = ?", group))
                .isZero();
        assertThat(groupRow(group)).containsEntry("id", standIn.get("id")).containsEntry("msg_time", sent)
                .containsEntry("msg_time_estimated", false).containsEntry("partition", dayOf("group_message", sent));
        assertThat(Rows.count(dataSource, "SELECT count(*) FROM group_message WHERE group_id = ?", group)).isOne();
    }

    @Test
    void retentionForgetsTheStandInEntriesOlderThanItsCutoffWhoseStandInIsGone() throws Exception {
        Instant sent = today().plusSeconds(300);
        String gone = Messages.unique("gone");
        store.write(List.of(echo(gone, "k", sent.plus(1, ChronoUnit.DAYS))));
        Rows.execute(dataSource, "DELETE FROM message WHERE from_account = ?", gone);
        String kept = Messages.unique("kept");
        store.write(List.of(echo(kept, "k", sent.plus(1, ChronoUnit.DAYS))));
        Instant cutoff = sent.plus(3, ChronoUnit.DAYS);
        try (var connection = dataSource.getConnection()) {
            StandIns.removeResolvedBefore(connection, cutoff);
        }
        assertThat(standInEntries(gone)).as("its stand-in is gone").isZero();
        assertThat(standInEntries(kept)).as("its stand-in is still stored").isOne();
    }

    private long standInEntries(String from) {
        return Rows.count(dataSource, "SELECT count(*) FROM message_stand_in WHERE from_account = ?", from);
    }

    private static Instant today() {
        return LocalDate.now(ZoneOffset.UTC).atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    private static String dayOf(String parent, Instant time) {
        return new DayPartition(parent, LocalDate.ofInstant(time, ZoneOffset.UTC)).name();
    }

    private Map<String, Object> where(String from) {
        return Rows.query(dataSource, "SELECT tableoid::regclass::text AS partition, * FROM message "
                + "WHERE from_account = ?", from).get(0);
    }

    private Map<String, Object> groupRow(String group) {
        return Rows.query(dataSource, "SELECT tableoid::regclass::text AS partition, * FROM group_message "
                + "WHERE group_id = ?", group).get(0);
    }

    private static MessageRecord echo(String from, String key, Instant recalledAt) {
        return new MessageRecord(Kind.RECALL, APP, from, "peer", key, null, null, null, null, null, null, null,
                recalledAt, recalledAt, null, null, null, null);
    }

    private static MessageRecord sent(String from, String key, Instant msgTime) {
        return new MessageRecord(Kind.AFTER_SEND, APP, from, "peer", key, 1L, 2L, msgTime, false, "203.0.113.7",
                "iOS", 0, null, Instant.now(), null, null, null, null);
    }

    private static MessageRecord groupRecord(Kind kind, String group, Instant msgTime, Instant recalledAt) {
        Instant received = recalledAt != null ? recalledAt : Instant.now();
        return new MessageRecord(kind, APP, kind == Kind.GROUP_AFTER_SEND ? "sender" : null, null, null, 5L, null,
                msgTime, null, null, null, null, recalledAt, received, group, "", kind == Kind.GROUP_RECALL ? "admin"
                        : null,
                null);
    }
}
