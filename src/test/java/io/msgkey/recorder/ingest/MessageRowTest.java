package io.msgkey.recorder.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.msgkey.recorder.message.MessageKey;
import io.msgkey.recorder.message.MessageSource;

/** How the records of one batch merge into one row per message, the way the upsert merges them with the stored row. */
class MessageRowTest {

    private static final MessageKey KEY = new MessageKey(1400000000L, "ann", "bob", "key-1");
    private static final Instant T0 = Instant.parse("2024-05-01T00:00:00Z");

    @Test
    void beforeAfterAndEchoOfOneMessageBecomeOneRowWhateverTheirOrder() {
        MessageRecord before = MessageRecord.beforeSend(KEY, sent("198.51.100.1", "iOS"), T0.plusSeconds(1));
        MessageRecord after = MessageRecord.afterSend(KEY, sent("198.51.100.2", "Android"), 0, T0.plusSeconds(2));
        MessageRecord echo = MessageRecord.recallEcho(KEY, T0.plusSeconds(60), T0.plusSeconds(61));

        List<MessageRow> rows = MessageRow.merge(List.of(echo, after, before));
        List<MessageRow> reversed = MessageRow.merge(List.of(before, after, echo));

        assertThat(rows).hasSize(1);
        MessageRow row = rows.get(0);
        assertThat(row.key()).isEqualTo(KEY);
        assertThat(row.seenBefore()).isTrue();
        assertThat(row.seenAfter()).isTrue();
        assertThat(row.sendResult()).isZero();
        assertThat(row.msgSeq()).isEqualTo(7L);
        assertThat(row.msgTime()).isEqualTo(T0);
        assertThat(row.firstSeenAt()).isEqualTo(T0.plusSeconds(1));
        assertThat(row.recalledAt()).isEqualTo(T0.plusSeconds(60));
        assertThat(row.recallReportedAt()).isEqualTo(T0.plusSeconds(61));
        assertThat(reversed.get(0)).usingRecursiveComparison().ignoringFields("clientIp", "platform").isEqualTo(row);
    }

    @Test
    void theFirstRecordWithAValueGivesItAndTimesKeepTheEarliest() {
        MessageRecord first = MessageRecord.afterSend(KEY, sent("198.51.100.1", null), 0, T0.plusSeconds(5));
        MessageRecord second = MessageRecord.afterSend(KEY, sent("198.51.100.2", "Web"), 0, T0.plusSeconds(3));
        MessageRecord laterEcho = MessageRecord.recallEcho(KEY, T0.plusSeconds(90), T0.plusSeconds(91));
        MessageRecord earlierEcho = MessageRecord.recallEcho(KEY, T0.plusSeconds(80), T0.plusSeconds(95));

        MessageRow row = MessageRow.merge(List.of(first, second, laterEcho, earlierEcho)).get(0);

        assertThat(row.clientIp()).isEqualTo("198.51.100.1");
        assertThat(row.platform()).isEqualTo("Web");
        assertThat(row.firstSeenAt()).isEqualTo(T0.plusSeconds(3));
        assertThat(row.recalledAt()).isEqualTo(T0.plusSeconds(80));
        assertThat(row.recallReportedAt()).isEqualTo(T0.plusSeconds(91));
    }

    @Test
    void anEchoAloneCarriesNoSendDetails() {
        MessageRow row = MessageRow.of(MessageRecord.recallEcho(KEY, T0, T0.plusSeconds(1)));

        assertThat(row.seenBefore()).isFalse();
        assertThat(row.seenAfter()).isFalse();
        assertThat(row.msgSeq()).isNull();
        assertThat(row.sendResult()).isNull();
        assertThat(row.clientIp()).isNull();
        assertThat(row.recallReportedAt()).isEqualTo(T0.plusSeconds(1));
    }

    @Test
    void rowsComeInKeyOrderSoConcurrentBatchesLockInTheSameOrder() {
        MessageKey b = new MessageKey(1400000000L, "bob", "ann", "key-1");
        MessageKey a2 = new MessageKey(1400000000L, "ann", "bob", "key-2");
        List<MessageRow> rows = MessageRow.merge(List.of(MessageRecord.recallEcho(b, T0, T0),
                MessageRecord.recallEcho(a2, T0, T0), MessageRecord.recallEcho(KEY, T0, T0)));

        assertThat(rows).extracting(MessageRow::key).containsExactly(KEY, a2, b);
    }

    @Test
    void aRealMsgTimeReplacesAStandInWhicheverComesFirst() {
        MessageRecord batchImport = MessageRecord.imported(KEY, 7L, 8L, null, T0.plusSeconds(30));
        MessageRecord roamed = MessageRecord.roamed(KEY, 7L, 8L, T0, null, T0.plusSeconds(600));

        MessageRow imported = MessageRow.of(batchImport);
        MessageRow merged = MessageRow.merge(List.of(roamed, batchImport)).get(0);
        MessageRow reversed = MessageRow.merge(List.of(batchImport, roamed)).get(0);

        assertThat(imported.msgTime()).isEqualTo(T0.plusSeconds(30));
        assertThat(imported.msgTimeEstimated()).isTrue();
        assertThat(merged.msgTime()).isEqualTo(T0);
        assertThat(merged.msgTimeEstimated()).isFalse();
        assertThat(reversed).isEqualTo(merged);
    }

    @Test
    void theSourceIsTheEarliestArrivalsWhicheverIsWrittenFirst() {
        MessageRecord callback = MessageRecord.afterSend(KEY, sent("198.51.100.1", "RESTAPI"), 0, T0.plusSeconds(2));
        MessageRecord imported = MessageRecord.imported(KEY, 7L, 8L, T0, T0.plusSeconds(1));
        MessageRecord roamed = MessageRecord.roamed(KEY, 7L, 8L, T0, null, T0.plusSeconds(3));

        assertThat(MessageRow.merge(List.of(roamed, callback, imported)).get(0).source())
                .isEqualTo(MessageSource.IMPORT);
        assertThat(MessageRow.merge(List.of(callback, roamed)).get(0).source()).isEqualTo(MessageSource.CALLBACK);
        assertThat(MessageRow.of(roamed).source()).isEqualTo(MessageSource.TENCENT_SYNC);
    }

    @Test
    void aRoamedMessageFlaggedRecalledIsRecalledAsOfItsFetchAndNoEcho() {
        MessageRow row = MessageRow.of(MessageRecord.roamed(KEY, 7L, 8L, T0, T0.plusSeconds(9), T0.plusSeconds(9)));

        assertThat(row.recalledAt()).isEqualTo(T0.plusSeconds(9));
        assertThat(row.recallReportedAt()).isNull();
        assertThat(row.msgTime()).isEqualTo(T0);
        assertThat(row.msgTimeEstimated()).isFalse();
        assertThat(row.seenAfter()).isFalse();
    }

    private static MessageRecord.Sent sent(String clientIp, String platform) {
        return new MessageRecord.Sent(7L, 8L, T0, false, clientIp, platform);
    }
}
