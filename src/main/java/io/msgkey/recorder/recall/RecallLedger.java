package io.msgkey.recorder.recall;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.jboss.logging.Logger;

import io.msgkey.recorder.common.ForeignText;
import io.msgkey.recorder.message.Message;
import io.msgkey.recorder.tencent.WithdrawOutcome;

/**
 * The worker's bookkeeping of each item, one short transaction per step, so that whatever happens between two steps
 * (a crash, a cancellation, another instance) leaves a state from which work resumes without sending an item twice
 * after a recorded success.
 */
@ApplicationScoped
class RecallLedger {

    private static final Logger LOG = Logger.getLogger(RecallLedger.class);

    /** What {@link #begin} found. */
    enum Start {
        /** Marked in flight: make the call. */
        CALL,
        /** Settled without a call (already recalled, or never delivered). */
        SETTLED,
        /** No longer ours: lease lost, job no longer running, or already done. */
        DROPPED
    }

    private final EntityManager entityManager;
    private final Clock clock;

    RecallLedger(EntityManager entityManager, Clock clock) {
        this.entityManager = entityManager;
        this.clock = clock;
    }

    /**
     * Checks the item is still ours and its job still running, then either settles it without a call or marks it in
     * flight; the mark commits before Tencent is called. The usual case, a deliverable message of a running job, is
     * one statement; anything else is looked at closely.
     */
    @Transactional
    Start begin(ClaimedItem item, String owner, Duration lease) {
        Instant now = clock.instant();
        int marked = entityManager.createNativeQuery("""
                UPDATE recall_item i SET in_flight_since = coalesce(i.in_flight_since, ?1),
                    attempts = i.attempts + 1, last_attempt_at = ?1,
                    lease_until = now() + ?2 * interval '1 millisecond'
                FROM recall_job j, message m
                WHERE i.id = ?3 AND i.lease_owner = ?4 AND i.outcome = 'PENDING'
                  AND j.id = i.job_id AND j.state = 'RUNNING'
                  AND m.id = i.message_id AND m.delivered AND m.recalled_at IS NULL""").setParameter(1, now)
                .setParameter(2, lease.toMillis()).setParameter(3, item.id()).setParameter(4, owner).executeUpdate();
        if (marked == 1) {
            return Start.CALL;
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = entityManager.createNativeQuery("""
                SELECT j.state, m.recalled_at IS NOT NULL, m.delivered, i.in_flight_since IS NOT NULL
                FROM recall_item i JOIN recall_job j ON j.id = i.job_id JOIN message m ON m.id = i.message_id
                WHERE i.id = ?1 AND i.lease_owner = ?2 AND i.outcome = 'PENDING'
                FOR UPDATE OF i""").setParameter(1, item.id()).setParameter(2, owner).getResultList();
        if (rows.isEmpty()) {
            return Start.DROPPED;
        }
        Object[] row = rows.get(0);
        if (!RecallJobState.RUNNING.name().equals(row[0])) {
            release(item.id());
            return Start.DROPPED;
        }
        if ((Boolean) row[1] && (Boolean) row[3]) {
            // an attempt of this job went out and its answer was lost; Tencent's recall echo has come since
            Message.markRecalledByJob(item.messageId(), item.jobId(), now);
            settle(item.id(), ItemOutcome.RECALLED, null, "an earlier attempt went unanswered; the message was "
                    + "reported recalled since, taken to be that attempt's doing; no call made", now);
        } else if ((Boolean) row[1]) {
            settle(item.id(), ItemOutcome.ALREADY_RECALLED, null, "already marked recalled; no call made", now);
        } else if (!(Boolean) row[2]) {
            settle(item.id(), ItemOutcome.SKIPPED, null, "Tencent reported the send failed; nothing to recall", now);
        } else {
            // the job was resumed between the two statements: taken again on the next claim
            release(item.id());
            return Start.DROPPED;
        }
        return Start.SETTLED;
    }

    /**
     * Records what Tencent said, if the item is still this instance's to record: an instance that stalled past its
     * lease may find another has taken the item over and recorded it, and must not undo that. The message row is
     * updated before the item, the order the callback write path also locks them in. A configuration error, or a call
     * that never left (attempts 0), puts the item back as pending (a configuration error also pauses the job,
     * separately), unless the job was cancelled meanwhile: then it is skipped.
     */
    @Transactional
    void finish(ClaimedItem item, WithdrawOutcome answered, String owner) {
        Instant now = clock.instant();
        // Waits for a cancellation being committed, so that an item put back below is skipped, not left pending.
        entityManager.createNativeQuery("SELECT 1 FROM recall_job WHERE id = ?1 FOR SHARE")
                .setParameter(1, item.jobId()).getResultList();
        WithdrawOutcome outcome = answered.result() == WithdrawOutcome.Result.ALREADY_RECALLED
                && earlierAttemptUnanswered(item.id(), owner) ? answered.afterUnansweredAttempt() : answered;
        switch (outcome.result()) {
            case RECALLED -> Message.markRecalledByJob(item.messageId(), item.jobId(), now);
            case ALREADY_RECALLED -> Message.markRecalledElsewhere(item.messageId(), now);
            default -> {
            }
        }
        ItemOutcome result = switch (outcome.result()) {
            case RECALLED -> ItemOutcome.RECALLED;
            case ALREADY_RECALLED -> ItemOutcome.ALREADY_RECALLED;
            case NOT_FOUND -> ItemOutcome.NOT_FOUND;
            case INVALID -> ItemOutcome.INVALID;
            // a call that never reached Tencent (our limiter or network failed first) is tried again later
            case RATE_LIMITED, TRANSIENT -> outcome.attempts() == 0 ? null : ItemOutcome.FAILED;
            case FAILED -> ItemOutcome.FAILED;
            case CONFIG_ERROR -> null;
        };
        String info = ForeignText.storable(outcome.errorInfo());
        Integer code = outcome.errorCode() == null || outcome.errorCode() == 0 ? null : outcome.errorCode();
        int recorded = entityManager.createNativeQuery("""
                UPDATE recall_item i SET
                    outcome = CASE WHEN CAST(?1 AS text) IS NOT NULL THEN CAST(?1 AS text)
                                   WHEN j.state = 'CANCELLED' THEN 'SKIPPED' ELSE 'PENDING' END,
                    finished_at = CASE WHEN CAST(?1 AS text) IS NOT NULL OR j.state = 'CANCELLED'
                                       THEN CAST(?2 AS timestamptz) END,
                    attempts = i.attempts - 1 + ?3, last_error_code = CAST(?4 AS integer),
                    last_error_info = CAST(?5 AS text), in_flight_since = NULL, lease_owner = NULL, lease_until = NULL
                FROM recall_job j
                WHERE j.id = i.job_id AND i.id = ?6 AND i.outcome = 'PENDING' AND i.lease_owner = ?7""")
                .setParameter(1, result == null ? null : result.name()).setParameter(2, now)
                .setParameter(3, outcome.attempts()).setParameter(4, code).setParameter(5, info)
                .setParameter(6, item.id()).setParameter(7, owner).executeUpdate();
        if (recorded == 0) {
            LOG.warnf("item %d was taken over by another instance before its outcome (%s) was recorded here",
                    item.id(), outcome.result());
        }
    }

    /**
     * Items of cancelled jobs that a dead instance left in flight: nobody will send them again, and whether their
     * recall took effect is unknown, which is what they record.
     */
    @Transactional
    int settleOrphansOfCancelledJobs() {
        return entityManager.createNativeQuery("""
                UPDATE recall_item i SET outcome = 'FAILED', finished_at = ?1, in_flight_since = NULL,
                    lease_owner = NULL, lease_until = NULL,
                    last_error_info = 'in flight when its worker stopped, then the job was cancelled: the recall may '
                        || 'or may not have taken effect'
                FROM recall_job j
                WHERE j.id = i.job_id AND j.state = 'CANCELLED' AND i.outcome = 'PENDING' AND i.lease_until < now()""")
                .setParameter(1, clock.instant()).executeUpdate();
    }

    /** A call this instance or a dead one made earlier for the item went out and was never recorded. */
    private boolean earlierAttemptUnanswered(long itemId, String owner) {
        return !entityManager.createNativeQuery(
                "SELECT 1 FROM recall_item WHERE id = ?1 AND lease_owner = ?2 AND in_flight_since <> last_attempt_at")
                .setParameter(1, itemId).setParameter(2, owner).getResultList().isEmpty();
    }

    private void release(long itemId) {
        entityManager.createNativeQuery("UPDATE recall_item SET lease_owner = NULL, lease_until = NULL WHERE id = ?1")
                .setParameter(1, itemId).executeUpdate();
    }

    private void settle(long itemId, ItemOutcome outcome, Integer code, String info, Instant now) {
        entityManager.createNativeQuery("""
                UPDATE recall_item SET outcome = ?1, last_error_code = CAST(?2 AS integer),
                    last_error_info = CAST(?3 AS text), finished_at = ?4,
                    lease_owner = NULL, lease_until = NULL
                WHERE id = ?5""").setParameter(1, outcome.name()).setParameter(2, code).setParameter(3, info)
                .setParameter(4, now).setParameter(5, itemId).executeUpdate();
    }
}
