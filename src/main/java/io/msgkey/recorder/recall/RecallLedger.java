package io.msgkey.recorder.recall;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import io.msgkey.recorder.tencent.WithdrawOutcome;

/**
 * The worker's bookkeeping of each item, one short transaction per step, so that whatever happens between two steps
 * (a crash, a cancellation, another instance) leaves a state from which work resumes without sending an item twice
 * after a recorded success.
 */
@ApplicationScoped
class RecallLedger {

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
     * flight; the mark commits before Tencent is called.
     */
    @Transactional
    Start begin(ClaimedItem item, String owner, Duration lease) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = entityManager.createNativeQuery("""
                SELECT j.state, m.recalled_at IS NOT NULL, m.delivered
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
        Instant now = clock.instant();
        if ((Boolean) row[1]) {
            settle(item.id(), ItemOutcome.ALREADY_RECALLED, null, "already marked recalled; no call made", now);
            return Start.SETTLED;
        }
        if (!(Boolean) row[2]) {
            settle(item.id(), ItemOutcome.SKIPPED, null, "Tencent reported the send failed; nothing to recall", now);
            return Start.SETTLED;
        }
        entityManager.createNativeQuery("""
                UPDATE recall_item SET in_flight_since = ?1, attempts = attempts + 1, last_attempt_at = ?1,
                    lease_until = now() + ?2 * interval '1 millisecond'
                WHERE id = ?3""").setParameter(1, now).setParameter(2, lease.toMillis()).setParameter(3, item.id())
                .executeUpdate();
        return Start.CALL;
    }

    /**
     * Records what Tencent said. The message row is updated before the item, the order the callback write path also
     * locks them in. A configuration error, or a call that never left (attempts 0), puts the item back as pending (a
     * configuration error also pauses the job, separately), unless the job was cancelled meanwhile: then it is skipped.
     */
    @Transactional
    void finish(ClaimedItem item, WithdrawOutcome outcome) {
        Instant now = clock.instant();
        switch (outcome.result()) {
            case RECALLED -> entityManager.createNativeQuery("""
                    UPDATE message SET recalled_at = coalesce(recalled_at, ?1), recall_source = 'job', recall_job_id = ?2
                    WHERE id = ?3""").setParameter(1, now).setParameter(2, item.jobId())
                    .setParameter(3, item.messageId()).executeUpdate();
            case ALREADY_RECALLED -> entityManager.createNativeQuery("""
                    UPDATE message SET recalled_at = coalesce(recalled_at, ?1),
                        recall_source = coalesce(recall_source, 'tencent')
                    WHERE id = ?2""").setParameter(1, now).setParameter(2, item.messageId()).executeUpdate();
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
        String info = outcome.errorInfo() == null || outcome.errorInfo().isEmpty() ? null : outcome.errorInfo();
        Integer code = result == ItemOutcome.RECALLED ? null : outcome.errorCode();
        if (result != null) {
            entityManager.createNativeQuery("""
                    UPDATE recall_item SET outcome = ?1, attempts = attempts - 1 + ?2,
                        last_error_code = CAST(?3 AS integer), last_error_info = CAST(?4 AS text), finished_at = ?5,
                        in_flight_since = NULL, lease_owner = NULL, lease_until = NULL
                    WHERE id = ?6""").setParameter(1, result.name()).setParameter(2, outcome.attempts())
                    .setParameter(3, code).setParameter(4, info).setParameter(5, now)
                    .setParameter(6, item.id()).executeUpdate();
            return;
        }
        entityManager.createNativeQuery("""
                UPDATE recall_item i SET
                    outcome = CASE WHEN j.state = 'CANCELLED' THEN 'SKIPPED' ELSE 'PENDING' END,
                    finished_at = CASE WHEN j.state = 'CANCELLED' THEN CAST(?4 AS timestamptz) END,
                    attempts = i.attempts - 1 + ?1, last_error_code = CAST(?2 AS integer),
                    last_error_info = CAST(?3 AS text),
                    in_flight_since = NULL, lease_owner = NULL, lease_until = NULL
                FROM recall_job j
                WHERE j.id = i.job_id AND i.id = ?5""").setParameter(1, outcome.attempts())
                .setParameter(2, outcome.errorCode()).setParameter(3, info).setParameter(4, now)
                .setParameter(5, item.id()).executeUpdate();
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
