package io.msgkey.recorder.ingest;

import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.msgkey.recorder.ingest.MessageRecord.Kind;
import io.msgkey.recorder.message.GroupMessageKey;
import io.msgkey.recorder.message.MessageSource;

/**
 * All records of one group message in a batch, merged the way {@link GroupMessageUpsert} merges them with the stored
 * row: first value kept, Tencent's MsgTime over the recall time a recall echo stands in, earliest recall, the
 * earliest arrival's source. As for {@link MessageRow}, a batch holds each message once.
 */
record GroupMessageRow(
        GroupMessageKey key,
        String from,
        String operator,
        Long msgRandom,
        Instant msgTime,
        boolean msgTimeEstimated,
        Boolean onlineOnly,
        String groupType,
        String clientIp,
        String platform,
        Instant firstSeenAt,
        Instant recalledAt,
        String recalledBy,
        Instant recallReportedAt,
        MessageSource source) {

    private static final Comparator<GroupMessageRow> FIRST_ARRIVAL = Comparator
            .comparing(GroupMessageRow::firstSeenAt).thenComparing(row -> row.source().wireName());

    static GroupMessageRow of(MessageRecord record) {
        boolean recall = record.kind() == Kind.GROUP_RECALL;
        Instant standIn = record.recalledAt() != null ? record.recalledAt() : record.receivedAt();
        return new GroupMessageRow(record.groupKey(), record.from(), recall ? null : record.operator(),
                record.msgRandom(), record.msgTime() != null ? record.msgTime() : standIn, record.msgTime() == null,
                record.onlineOnly(), record.groupType(), record.clientIp(), record.platform(), record.receivedAt(),
                record.recalledAt(), recall ? record.operator() : null, recall ? record.receivedAt() : null,
                record.kind().source());
    }

    /** One row per message, in key order so that concurrent batches lock rows in the same order. */
    static List<GroupMessageRow> merge(Collection<MessageRecord> records) {
        Map<GroupMessageKey, GroupMessageRow> rows = new TreeMap<>();
        for (MessageRecord record : records) {
            rows.merge(record.groupKey(), of(record), GroupMessageRow::combine);
        }
        return List.copyOf(rows.values());
    }

    GroupMessageRow combine(GroupMessageRow other) {
        boolean sameBasis = msgTimeEstimated == other.msgTimeEstimated;
        Instant time = sameBasis ? earliest(msgTime, other.msgTime) : msgTimeEstimated ? other.msgTime : msgTime;
        return new GroupMessageRow(key, first(from, other.from), first(operator, other.operator),
                first(msgRandom, other.msgRandom), time, msgTimeEstimated && other.msgTimeEstimated,
                first(onlineOnly, other.onlineOnly), first(groupType, other.groupType), first(clientIp, other.clientIp),
                first(platform, other.platform), earliest(firstSeenAt, other.firstSeenAt),
                earliest(recalledAt, other.recalledAt), first(recalledBy, other.recalledBy),
                earliest(recallReportedAt, other.recallReportedAt),
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
