package io.msgkey.recorder.subject;

import static io.msgkey.recorder.common.SqlValues.instant;
import static io.msgkey.recorder.common.SqlValues.number;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import io.msgkey.recorder.common.SqlArrays;
import io.msgkey.recorder.message.Chat;
import io.msgkey.recorder.message.MessageFilter;
import io.msgkey.recorder.message.MessageSearch;
import io.msgkey.recorder.message.MessageState;
import io.msgkey.recorder.message.MessageSummary;
import io.msgkey.recorder.tencent.TencentConfig;

/**
 * Reads a data subject's records: the search's own "sent or received by" query over every state, newest first, each
 * page's recall history in one more statement (recall items by message id). Changes nothing.
 */
@ApplicationScoped
class SubjectRecords {

    private final EntityManager entityManager;
    private final MessageSearch search;
    private final long sdkAppId;

    SubjectRecords(EntityManager entityManager, MessageSearch search, TencentConfig config) {
        this.entityManager = entityManager;
        this.search = search;
        this.sdkAppId = config.sdkAppId();
    }

    @Transactional
    SubjectPage page(String user, String cursor, int limit) {
        MessageFilter filter = new MessageFilter(null, null, user, null, null, null, MessageState.ALL, Chat.ALL, null);
        MessageSearch.Page page = search.page(filter, cursor, "subject|" + filter, limit);
        Map<Long, List<RecallHistory>> recalls = recalls(page.items().stream().map(MessageSummary::id).toList());
        return new SubjectPage(page.items().stream().map(message -> new SubjectRecord(message,
                recalls.getOrDefault(message.id(), List.of()))).toList(), page.next());
    }

    /** Records naming the user, over every table of {@link SubjectTable#ALL}. */
    @Transactional
    long count(String user) {
        long total = 0;
        for (SubjectTable table : SubjectTable.ALL) {
            total += number(entityManager.createNativeQuery("SELECT count(*) FROM " + table.table()
                    + " WHERE sdk_app_id = ?1 AND " + table.namesAccount(2)).setParameter(1, sdkAppId)
                    .setParameter(2, user).getSingleResult());
        }
        return total;
    }

    /** The user's messages that recall jobs not yet finished still have to recall: their items need the rows. */
    @Transactional
    long pendingRecalls(String user) {
        return number(entityManager.createNativeQuery("""
                SELECT count(*) FROM recall_item i JOIN recall_job j ON j.id = i.job_id
                WHERE i.outcome = 'PENDING' AND j.state IN ('FREEZING', 'AWAITING_CONFIRMATION', 'RUNNING', 'PAUSED')
                  AND (i.from_account = ?1 OR i.to_account = ?1)""").setParameter(1, user).getSingleResult());
    }

    private Map<Long, List<RecallHistory>> recalls(List<Long> messageIds) {
        if (messageIds.isEmpty()) {
            return Map.of();
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = entityManager.createNativeQuery("""
                SELECT message_id, job_id, outcome, finished_at, confirmed_at FROM recall_item
                WHERE message_id = ANY (CAST(?1 AS bigint[])) ORDER BY job_id, id""")
                .setParameter(1, SqlArrays.bigints(messageIds))
                .getResultList();
        return rows.stream().collect(Collectors.groupingBy(row -> number(row[0]), Collectors.mapping(
                row -> new RecallHistory(number(row[1]), (String) row[2], instant(row[3]), instant(row[4])),
                Collectors.toList())));
    }
}
