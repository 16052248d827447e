package io.msgkey.recorder.ingest;

import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.msgkey.recorder.ingest.MessageRecord.Kind;
import io.msgkey.recorder.message.MessageKey;
import io.msgkey.recorder.message.MessageSource;

/**
 * All records of one message in a batch, merged the way the upsert merges them with the stored row. PostgreSQL
 * refuses to touch a row twice in one INSERT ... ON CONFLICT, so a batch holds each message once.
 * <p>
 * {@code msgTime} is never null: a record without Tencent's MsgTime stands in the time of the recall (a recall echo)
 * or of its arrival (a batchsendmsg import), with {@code msgTimeEstimated} set; a real MsgTime always replaces a
 * stand-in. The {@code source} is that of the record that arrived first.
 */
record MessageRow(
        MessageKey key,
        Long msgSeq,
        Long msgRandom,
        Instant msgTime,
        boolean msgTimeEstimated,
        Boolean onlineOnly,
        String clientIp,
        String platform,
        Instant firstSeenAt,
        boolean seenBefore,
        boolean seenAfter,
        Integer sendResult,
        Instant recalledAt,
        Instant recallReportedAt,
        MessageSource source) {

    /** Which source a row keeps: the earliest arrival's; a tie goes to the first name, as in SQL. */
    private static final Comparator<MessageRow> FIRST_ARRIVAL = Comparator.comparing(MessageRow::firstSeenAt)
            .thenComparing(row -> row.source().wireName());

    static MessageRow of(MessageRecord record) {
        boolean recall = record.kind() == Kind.RECALL;
        Instant standIn = record.recalledAt() != null ? record.recalledAt() : record.receivedAt();
        return new MessageRow(record.key(), record.msgSeq(), record.msgRandom(),
                record.msgTime() != null ? record.msgTime() : standIn, record.msgTime() == null, record.onlineOnly(),
                record.clientIp(), record.platform(), record.receivedAt(), record.kind() == Kind.BEFORE_SEND,
                record.kind() == Kind.AFTER_SEND, record.sendResult(), record.recalledAt(),
                recall ? record.receivedAt() : null, record.kind().source());
    }

    /** One row per message, in key order so that concurrent batches lock rows in the same order. */
    static List<MessageRow> merge(Collection<MessageRecord> records) {
        Map<MessageKey, MessageRow> rows = new TreeMap<>();
        for (MessageRecord record : records) {
            rows.merge(record.key(), of(record), MessageRow::combine);
        }
        return List.copyOf(rows.values());
    }

    MessageRow combine(MessageRow other) {
        boolean sameBasis = msgTimeEstimated == other.msgTimeEstimated;
        Instant time = sameBasis ? earliest(msgTime, other.msgTime) : msgTimeEstimated ? other.msgTime : msgTime;
        return new MessageRow(key, first(msgSeq, other.msgSeq), first(msgRandom, other.msgRandom), time,
                msgTimeEstimated && other.msgTimeEstimated, first(onlineOnly, other.onlineOnly),
                first(clientIp, other.clientIp), first(platform, other.platform),
                earliest(firstSeenAt, other.firstSeenAt), seenBefore || other.seenBefore,
                seenAfter || other.seenAfter, first(sendResult, other.sendResult),
                earliest(recalledAt, other.recalledAt), earliest(recallReportedAt, other.recallReportedAt),
                FIRST_ARRIVAL.compare(this, other) <= 0 ? source : other.source);
    }

    private static <T> T first(T mine, T theirs) {
        return mine != null ? mine : theirs;
    }

    private static Instant earliest(Instant mine, Instant theirs) {
        if (mine == null || theirs == null) {
            return first(mine, theirs);
        }
        return mine.isBefore(theirs) ? mine : theirs;
    }
}
