package io.msgkey.recorder.message;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import jakarta.transaction.Transactional;

import io.msgkey.recorder.audit.AuditAction;
import io.msgkey.recorder.audit.AuditLog;
import io.msgkey.recorder.common.KeysetCursor;
import io.msgkey.recorder.common.KeysetCursors;
import io.msgkey.recorder.tencent.TencentConfig;

/**
 * Finds recorded messages, one-to-one and group, for moderators; every search and count is written to the audit log with its
 * result.
 */
@ApplicationScoped
public class MessageSearch {

    private static final Comparator<MessageSummary> NEWEST_FIRST = Comparator.comparing(MessageSummary::msgTime)
            .thenComparingLong(MessageSummary::id).reversed();

    private final EntityManager entityManager;
    private final AuditLog audit;
    private final Clock clock;
    private final KeysetCursors cursors;
    private final long sdkAppId;

    MessageSearch(EntityManager entityManager, AuditLog audit, Clock clock, KeysetCursors cursors,
            TencentConfig config) {
        this.entityManager = entityManager;
        this.audit = audit;
        this.clock = clock;
        this.cursors = cursors;
        this.sdkAppId = config.sdkAppId();
    }

    @Transactional
    public MessageSearchResult search(MessageFilter filter, String cursor, int limit, String actor) {
        Instant asOf = clock.instant();
        Page page = page(filter, cursor, filter.toString(), limit);
        audit.append(actor, AuditAction.SEARCH, entry -> {
            entry.filter = audit.json(filter);
            entry.resultCount = (long) page.items().size();
            entry.detail = cursor == null || cursor.isBlank() ? "first page" : "next page";
        });
        return new MessageSearchResult(page.items(), page.next(), asOf);
    }

    /** One page of both chats, newest first, and the cursor of the next; {@code scope} is what cursors are signed for. */
    public record Page(List<MessageSummary> items, String next) {
    }

    /** Not audited: it is part of an act that is. */
    @Transactional(Transactional.TxType.MANDATORY)
    public Page page(MessageFilter filter, String cursor, String scope, int limit) {
        KeysetCursor after = cursors.decode(cursor, scope);
        MessageQuery.Position position = after == null ? null : new MessageQuery.Position(after.time(), after.id());
        // each chat's next limit + 1 rows hold the next limit + 1 of both: ids are unique across the two tables
        List<MessageSummary> rows = new ArrayList<>();
        MessageQuery oneToOne = MessageQuery.of(sdkAppId, filter);
        if (!oneToOne.matchesNothing()) {
            rows.addAll(rows(oneToOne.page(position, limit + 1), Message.class, MessageSummary::of));
        }
        GroupMessageQuery groups = GroupMessageQuery.of(sdkAppId, filter);
        if (!groups.matchesNothing()) {
            rows.addAll(rows(groups.page(position, limit + 1), GroupMessage.class, MessageSummary::of));
        }
        rows.sort(NEWEST_FIRST);
        boolean more = rows.size() > limit;
        List<MessageSummary> page = more ? rows.subList(0, limit) : rows;
        String next = null;
        if (more) {
            MessageSummary last = page.get(page.size() - 1);
            next = cursors.encode(new KeysetCursor(last.msgTime(), last.id()), scope);
        }
        return new Page(List.copyOf(page), next);
    }

    @Transactional
    public MessageCount count(MessageFilter filter, String actor) {
        MessageQuery oneToOne = MessageQuery.of(sdkAppId, filter);
        long count = (oneToOne.matchesNothing() ? 0 : count(oneToOne.count())) + groupCount(filter);
        audit.append(actor, AuditAction.COUNT, entry -> {
            entry.filter = audit.json(filter);
            entry.resultCount = count;
        });
        return new MessageCount(count);
    }

    /** How many group messages the filter matches; not audited: it is part of an act that is. */
    @Transactional(Transactional.TxType.MANDATORY)
    public long groupCount(MessageFilter filter) {
        GroupMessageQuery groups = GroupMessageQuery.of(sdkAppId, filter);
        return groups.matchesNothing() ? 0 : count(groups.count());
    }

    private long count(MessageQuery.Sql sql) {
        return ((Number) bind(sql, null).getSingleResult()).longValue();
    }

    @SuppressWarnings("unchecked")
    private <T> List<MessageSummary> rows(MessageQuery.Sql sql, Class<T> type, Function<T, MessageSummary> summary) {
        return ((List<T>) bind(sql, type).getResultList()).stream().map(summary).toList();
    }

    private Query bind(MessageQuery.Sql sql, Class<?> type) {
        return sql.bind(type == null ? entityManager.createNativeQuery(sql.text())
                : entityManager.createNativeQuery(sql.text(), type));
    }
}
