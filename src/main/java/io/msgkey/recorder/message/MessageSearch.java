package io.msgkey.recorder.message;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import jakarta.transaction.Transactional;

import io.msgkey.recorder.audit.AuditAction;
import io.msgkey.recorder.audit.AuditLog;
import io.msgkey.recorder.common.KeysetCursor;
import io.msgkey.recorder.common.KeysetCursors;
import io.msgkey.recorder.tencent.TencentConfig;

/** Finds recorded messages for moderators; every search and count is written to the audit log with its result. */
@ApplicationScoped
public class MessageSearch {

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
        KeysetCursor after = cursors.decode(cursor, filter.toString());
        MessageQuery query = MessageQuery.of(sdkAppId, filter);
        List<Message> rows = query.matchesNothing() ? List.of()
                : messages(query.page(after == null ? null : new MessageQuery.Position(after.time(), after.id()),
                        limit + 1));
        boolean more = rows.size() > limit;
        List<Message> page = more ? rows.subList(0, limit) : rows;
        String next = null;
        if (more) {
            Message last = page.get(page.size() - 1);
            next = cursors.encode(new KeysetCursor(last.msgTime, last.id), filter.toString());
        }
        audit.append(actor, AuditAction.SEARCH, entry -> {
            entry.filter = audit.json(filter);
            entry.resultCount = (long) page.size();
            entry.detail = after == null ? "first page" : "next page";
        });
        return new MessageSearchResult(page.stream().map(MessageSummary::of).toList(), next, asOf);
    }

    @Transactional
    public MessageCount count(MessageFilter filter, String actor) {
        MessageQuery query = MessageQuery.of(sdkAppId, filter);
        long count = query.matchesNothing() ? 0 : ((Number) bind(query.count(), null).getSingleResult()).longValue();
        audit.append(actor, AuditAction.COUNT, entry -> {
            entry.filter = audit.json(filter);
            entry.resultCount = count;
        });
        return new MessageCount(count);
    }

    @SuppressWarnings("unchecked")
    private List<Message> messages(MessageQuery.Sql sql) {
        return bind(sql, Message.class).getResultList();
    }

    private Query bind(MessageQuery.Sql sql, Class<?> type) {
        return sql.bind(type == null ? entityManager.createNativeQuery(sql.text())
                : entityManager.createNativeQuery(sql.text(), type));
    }
}
