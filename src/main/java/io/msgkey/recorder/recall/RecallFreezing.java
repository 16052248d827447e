package io.msgkey.recorder.recall;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import io.msgkey.recorder.audit.AuditAction;
import io.msgkey.recorder.audit.AuditLog;
import io.msgkey.recorder.message.GroupMessageQuery;
import io.msgkey.recorder.message.MessageQuery;
import io.msgkey.recorder.tencent.TencentConfig;

/**
 * Freezing a job's selection, one chunk per short transaction: the request freezes the first chunk itself, and a job
 * that does not fit in it stays {@code FREEZING} while {@link RecallFreezer} goes on in the background. Each chunk
 * commits with the job's position, totals and counts, under the job's lock and the freezing instance's lease (database
 * clock), so a crash loses nothing and another instance resumes where the last chunk ended; a cancellation, which
 * takes the same lock, stops it between two chunks. Message rows are read, never locked.
 */
@ApplicationScoped
class RecallFreezing {

    private final RecallItemRepository items;
    private final RecallJobCounts counts;
    private final AuditLog audit;
    private final Clock clock;
    private final EntityManager entityManager;
    private final long sdkAppId;
    private final Duration roamingPeriod;
    private final int chunkSize;

    RecallFreezing(RecallItemRepository items, RecallJobCounts counts, AuditLog audit, Clock clock,
            EntityManager entityManager, TencentConfig tencent, RecallConfig config) {
        this.items = items;
        this.counts = counts;
        this.audit = audit;
        this.clock = clock;
        this.entityManager = entityManager;
        this.sdkAppId = tencent.sdkAppId();
        this.roamingPeriod = tencent.roamingPeriod();
        this.chunkSize = config.freezeChunkSize();
    }

    /**
     * Bounds a new job's selection by the messages recorded so far and freezes its first chunk, in the creating
     * transaction: a selection that fits is {@code AWAITING_CONFIRMATION} at once, a bigger one stays
     * {@code FREEZING}.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    void begin(RecallJob job) {
        // both tables take their ids from message's sequence: one bound for both chats
        job.freezeBound = ((Number) entityManager.createNativeQuery("SELECT greatest((SELECT coalesce(max(id), 0) "
                + "FROM message), (SELECT coalesce(max(id), 0) FROM group_message))").getSingleResult()).longValue();
        counts.create(job.id);
        step(job);
    }

    /** Takes a freezing job nobody holds (or whose holder died), leased to this owner; empty when there is none. */
    @Transactional
    Optional<Long> claim(String owner, Duration lease) {
        @SuppressWarnings("unchecked")
        List<Number> claimed = entityManager.createNativeQuery("""
                UPDATE recall_job SET freeze_owner = ?1, freeze_lease_until = now() + ?2 * interval '1 millisecond'
                WHERE id = (SELECT id FROM recall_job
                            WHERE state = ?3 AND (freeze_owner IS NULL OR freeze_owner = ?1
                                                  OR freeze_lease_until < now())
                            ORDER BY id LIMIT 1 FOR UPDATE SKIP LOCKED)
                RETURNING id""").setParameter(1, owner).setParameter(2, lease.toMillis())
                .setParameter(3, RecallJobState.FREEZING.name()).getResultList();
        return claimed.stream().findFirst().map(Number::longValue);
    }

    /**
     * Freezes the next chunk of a job this owner holds, renewing its lease; false when the job is no longer its to
     * freeze (done, cancelled, taken over).
     */
    @Transactional
    boolean next(long jobId, String owner, Duration lease) {
        int ours = entityManager.createNativeQuery("""
                UPDATE recall_job SET freeze_lease_until = now() + ?1 * interval '1 millisecond'
                WHERE id = ?2 AND state = ?3 AND freeze_owner = ?4""").setParameter(1, lease.toMillis())
                .setParameter(2, jobId).setParameter(3, RecallJobState.FREEZING.name()).setParameter(4, owner)
                .executeUpdate();
        if (ours == 0) {
            return false;
        }
        RecallJob job = RecallJob.findForUpdate(jobId).orElseThrow();
        step(job);
        if (job.state != RecallJobState.FREEZING) {
            audit.append(AuditLog.SYSTEM, AuditAction.JOB_FROZEN, entry -> {
                entry.jobId = job.id;
                entry.reason = job.reason;
                entry.resultCount = (long) job.total;
            });
            return false;
        }
        return true;
    }

    private void step(RecallJob job) {
        FreezePosition position = new FreezePosition(job.freezeBound, job.freezeAfterTime, job.freezeAfterId);
        FrozenChunk chunk = items.freezeChunk(job.id, oneToOne(job), groups(job), position, chunkSize,
                job.createdAt.minus(roamingPeriod));
        job.total = Math.toIntExact(job.total + chunk.frozen());
        job.groupTotal += chunk.groups();
        job.recalledByCallback += chunk.recalledByCallback();
        job.undeliveredByCallback += chunk.undeliveredByCallback();
        job.olderThanRoaming += chunk.olderThanRoaming();
        if (chunk.next() == null) {
            job.state = RecallJobState.AWAITING_CONFIRMATION;
            job.frozenAt = clock.instant();
            job.freezeOwner = null;
        } else {
            job.freezeAfterTime = chunk.next().afterTime();
            job.freezeAfterId = chunk.next().afterId();
        }
    }

    private MessageQuery oneToOne(RecallJob job) {
        MessageQuery query = MessageQuery.recallable(sdkAppId, job.filter);
        return query.matchesNothing() ? null : query;
    }

    private GroupMessageQuery groups(RecallJob job) {
        GroupMessageQuery query = GroupMessageQuery.recallable(sdkAppId, job.filter);
        return query.matchesNothing() ? null : query;
    }
}
