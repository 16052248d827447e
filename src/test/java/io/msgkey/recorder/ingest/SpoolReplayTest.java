package io.msgkey.recorder.ingest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.msgkey.recorder.testing.Messages;
import io.msgkey.recorder.testing.Rows;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class SpoolReplayTest {

    @Inject
    AgroalDataSource dataSource;

    @Inject
    SpoolReplayer replayer;

    @Inject
    IngestConfig config;

    @Test
    void damagedLinesAndATornTailAreSkippedAndTheRestReplayedInOrder() throws Exception {
        String prefix = Messages.unique("torn");
        MessageRecord first = SpoolLines.afterSend(prefix + "-1");
        MessageRecord second = SpoolLines.afterSend(prefix + "-2");
        MessageRecord third = SpoolLines.afterSend(prefix + "-3");
        MessageRecord damaged = SpoolLines.afterSend(prefix + "-damaged");
        MessageRecord fourth = SpoolLines.afterSend(prefix + "-4");
        MessageRecord torn = SpoolLines.afterSend(prefix + "-torn");

        ByteArrayOutputStream segment = new ByteArrayOutputStream();
        segment.writeBytes(SpoolLines.of(first, second, third));
        byte[] corrupted = SpoolLines.line(damaged);
        corrupted[20] = (byte) (corrupted[20] == 'x' ? 'y' : 'x');
        segment.writeBytes(corrupted);
        segment.writeBytes(SpoolLines.line(fourth));
        byte[] tornLine = SpoolLines.line(torn);
        segment.writeBytes(Arrays.copyOf(tornLine, tornLine.length / 2));
        Path file = config.spool().dir().resolve("segment-9000000000000001.log");
        Files.write(file, segment.toByteArray());
        double corruptBefore = corruptLines();

        assertThat(replayer.replay()).isTrue();

        assertThat(Rows.query(dataSource, "SELECT msg_key FROM message WHERE msg_key LIKE ? ORDER BY id",
                prefix + "%")).extracting(row -> row.get("msg_key"))
                .containsExactly(prefix + "-1", prefix + "-2", prefix + "-3", prefix + "-4");
        assertThat(file).doesNotExist();
        assertThat(corruptLines() - corruptBefore).isEqualTo(2);
    }

    @Test
    void replayingTheSameRecordsAgainChangesNothing() throws Exception {
        String key = Messages.unique("twice");
        MessageRecord record = SpoolLines.afterSend(key);
        Path file = config.spool().dir().resolve("segment-9000000000000002.log");
        Files.write(file, SpoolLines.of(record, record));
        assertThat(replayer.replay()).isTrue();
        Files.write(file, SpoolLines.of(record));
        assertThat(replayer.replay()).isTrue();

        assertThat(Rows.query(dataSource, "SELECT seen_after, send_result FROM message WHERE msg_key = ?", key))
                .hasSize(1).first().isEqualTo(Map.of("seen_after", true, "send_result", 0));
    }

    @Test
    void aRecordTheDatabaseRefusesIsQuarantinedAndTheOthersStored() throws Exception {
        String prefix = Messages.unique("poison");
        MessageRecord good = SpoolLines.afterSend(prefix + "-good");
        MessageRecord poison = SpoolLines.afterSend("nul\u0000sender", prefix + "-poison", good.clientIp());
        MessageRecord alsoGood = SpoolLines.afterSend(prefix + "-also-good");
        Files.write(config.spool().dir().resolve("segment-9000000000000003.log"),
                SpoolLines.of(good, poison, alsoGood));

        assertThat(replayer.replay()).isTrue();

        assertThat(Rows.query(dataSource, "SELECT msg_key FROM message WHERE msg_key LIKE ? ORDER BY msg_key",
                prefix + "%")).extracting(row -> row.get("msg_key"))
                .containsExactly(prefix + "-also-good", prefix + "-good");
        assertThat(Files.readString(config.spool().dir().resolve("rejected.log"))).contains(prefix + "-poison");
        assertThat(given().get("/q/metrics").asString()).containsPattern("ingest_records_rejected_total [1-9]");
    }

    @Test
    void recordsAreReplayedInSpoolOrderWithinAndAcrossSegments() throws Exception {
        String inOneSegment = Messages.unique("order-line");
        String acrossSegments = Messages.unique("order-segment");
        // the first word about a message's client wins, so the stored address tells which line went first
        Files.write(config.spool().dir().resolve("segment-9000000000000004.log"),
                SpoolLines.of(withClientIp(SpoolLines.afterSend(inOneSegment), "198.51.100.1"),
                        withClientIp(SpoolLines.afterSend(inOneSegment), "198.51.100.2"),
                        withClientIp(SpoolLines.afterSend(acrossSegments), "198.51.100.3")));
        Files.write(config.spool().dir().resolve("segment-9000000000000005.log"),
                SpoolLines.of(withClientIp(SpoolLines.afterSend(acrossSegments), "198.51.100.4")));

        assertThat(replayer.replay()).isTrue();

        assertThat(clientIp(inOneSegment)).isEqualTo("198.51.100.1");
        assertThat(clientIp(acrossSegments)).isEqualTo("198.51.100.3");
    }

    @Test
    void groupRecordsReplayIntoGroupMessagesBesideOneToOneOnes() throws Exception {
        String group = Messages.unique("@TGS#spooled");
        String oneToOne = Messages.unique("beside-group");
        Files.write(config.spool().dir().resolve("segment-9000000000000006.log"),
                SpoolLines.of(SpoolLines.groupRecallEcho(group, 5), SpoolLines.afterSend(oneToOne),
                        SpoolLines.groupAfterSend(group, 5), SpoolLines.groupAfterSend(group, 6),
                        SpoolLines.groupAfterSend(group, 6)));

        assertThat(replayer.replay()).isTrue();

        assertThat(Rows.query(dataSource, """
                SELECT msg_seq, from_account, operator_account, group_type, msg_time_estimated, recall_source,
                    recalled_by FROM group_message WHERE group_id = ? ORDER BY msg_seq""", group)).containsExactly(
                Map.of("msg_seq", 5L, "from_account", "spooled-sender", "operator_account", "admin", "group_type",
                        "Public", "msg_time_estimated", false, "recall_source", "tencent", "recalled_by", "admin"),
                row(6L));
        assertThat(Rows.count(dataSource, "SELECT count(*) FROM message WHERE msg_key = ?", oneToOne)).isEqualTo(1);
    }

    private static Map<String, Object> row(long msgSeq) {
        Map<String, Object> row = new LinkedHashMap<>(Map.of("msg_seq", msgSeq, "from_account",
                "spooled-sender", "operator_account", "admin", "group_type", "Public", "msg_time_estimated", false));
        row.put("recall_source", null);
        row.put("recalled_by", null);
        return row;
    }

    private String clientIp(String msgKey) {
        return (String) Rows.query(dataSource, "SELECT client_ip FROM message WHERE msg_key = ?", msgKey).get(0)
                .get("client_ip");
    }

    private static MessageRecord withClientIp(MessageRecord r, String clientIp) {
        return SpoolLines.afterSend(r.from(), r.msgKey(), clientIp);
    }

    private static double corruptLines() {
        Matcher matcher = Pattern.compile("ingest_spool_corrupt_lines_total (\\S+)")
                .matcher(given().get("/q/metrics").asString());
        return matcher.find() ? Double.parseDouble(matcher.group(1)) : 0;
    }
}
