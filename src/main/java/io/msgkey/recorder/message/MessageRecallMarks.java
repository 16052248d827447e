package io.msgkey.recorder.message;

import java.time.Instant;
import java.util.Collection;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import io.msgkey.recorder.common.SqlArrays;

/**
 * The recall marks recall jobs write on message and group_message rows, in the job's transaction, before the item (the order
 * the
 * callback write path also locks them in). Tencent's own echoes are merged into the rows by the write path.
 */
@ApplicationScoped
public class MessageRecallMarks {

    /** {@code recall_source} of a message a recall job of this service recalled. */
    public static final String BY_JOB = "job";
    /** SQL over {@code message m}: not recalled by a job of this service, the only mark that spares a recall call. */
    static final String NOT_RECALLED_BY_JOB = "m.recall_source IS DISTINCT FROM '" + BY_JOB + "'";
    /** The same over {@code group_message g}. */
    static final String GROUP_NOT_RECALLED_BY_JOB = "g.recall_source IS DISTINCT FROM '" + BY_JOB + "'";
    /** {@code recall_source} of a message learnt recalled from Tencent. */
    static final String BY_TENCENT = "tencent";

    private final EntityManager entityManager;

    MessageRecallMarks(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    /** A recall job of this service recalled these messages (of one batch of its calls). */
    @Transactional(Transactional.TxType.MANDATORY)
    public void recalledByJob(Collection<Long> messageIds, long jobId, Instant at) {
        if (!messageIds.isEmpty()) {
            entityManager.createNativeQuery("""
                    UPDATE message SET recalled_at = coalesce(recalled_at, ?1), recall_source = ?2, recall_job_id = ?3
                    WHERE id = ANY (CAST(?4 AS bigint[]))""").setParameter(1, at).setParameter(2, BY_JOB)
                    .setParameter(3, jobId).setParameter(4, SqlArrays.bigints(messageIds)).executeUpdate();
        }
    }

    /** Tencent says the messages were already recalled, by someone else: when is unknown, so first known is kept. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void recalledElsewhere(Collection<Long> messageIds, Instant knownAt) {
        if (!messageIds.isEmpty()) {
            entityManager.createNativeQuery("""
                    UPDATE message SET recalled_at = coalesce(recalled_at, ?1),
                        recall_source = coalesce(recall_source, ?2)
                    WHERE id = ANY (CAST(?3 AS bigint[]))""").setParameter(1, knownAt).setParameter(2, BY_TENCENT)
                    .setParameter(3, SqlArrays.bigints(messageIds)).executeUpdate();
        }
    }

    /** A recall job of this service recalled these group messages (of one batch of its calls). */
    @Transactional(Transactional.TxType.MANDATORY)
    public void groupRecalledByJob(Collection<Long> groupMessageIds, long jobId, Instant at) {
        if (!groupMessageIds.isEmpty()) {
            entityManager.createNativeQuery("""
                    UPDATE group_message SET recalled_at = coalesce(recalled_at, ?1), recall_source = ?2,
                        recall_job_id = ?3
                    WHERE id = ANY (CAST(?4 AS bigint[]))""").setParameter(1, at).setParameter(2, BY_JOB)
                    .setParameter(3, jobId).setParameter(4, SqlArrays.bigints(groupMessageIds))
                    .executeUpdate();
        }
    }
}
