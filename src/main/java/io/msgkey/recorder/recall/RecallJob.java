package io.msgkey.recorder.recall;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.LockModeType;
import jakarta.persistence.Table;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import io.msgkey.recorder.common.KeysetCursor;
import io.msgkey.recorder.message.MessageFilter;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;

/** A bulk recall: the filter it froze, why, who asked and who approved, and where it stands. */
@Entity
@Table(name = "recall_job")
public class RecallJob extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public RecallJobState state;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false)
    public MessageFilter filter;

    @Column(nullable = false)
    public String reason;

    public String note;

    public String reference;

    public int total;

    @Column(name = "created_by", nullable = false)
    public String createdBy;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "confirmed_by")
    public String confirmedBy;

    @Column(name = "confirmed_at")
    public Instant confirmedAt;

    @Column(name = "cancelled_by")
    public String cancelledBy;

    @Column(name = "cancelled_at")
    public Instant cancelledAt;

    @Column(name = "paused_at")
    public Instant pausedAt;

    @Column(name = "pause_reason")
    public String pauseReason;

    @Column(name = "completed_at")
    public Instant completedAt;

    /** Frozen messages older than Tencent's roaming period when they were frozen. */
    @Column(name = "older_than_roaming")
    public long olderThanRoaming;

    /** How many of the frozen messages are group messages (the rest are one-to-one). */
    @Column(name = "group_total")
    public long groupTotal;

    /** Frozen messages that callbacks alone marked recalled: still sent, since a callback can be forged. */
    @Column(name = "recalled_by_callback")
    public long recalledByCallback;

    /** Frozen messages that a callback alone reported undelivered: still sent, for the same reason. */
    @Column(name = "undelivered_by_callback")
    public long undeliveredByCallback;

    /** The highest message id when the job was requested: the selection is what matched then. */
    @Column(name = "freeze_bound")
    public Long freezeBound;

    /** The last message frozen so far (the walk is newest first); null before the first chunk. */
    @Column(name = "freeze_after_time")
    public Instant freezeAfterTime;

    @Column(name = "freeze_after_id")
    public Long freezeAfterId;

    /** The instance freezing the job; its lease ({@code freeze_lease_until}) is kept by {@link RecallFreezing}. */
    @Column(name = "freeze_owner")
    public String freezeOwner;

    @Column(name = "frozen_at")
    public Instant frozenAt;

    /** The job, locked until the transaction ends: state changes are decided one at a time. */
    public static Optional<RecallJob> findForUpdate(long id) {
        return findByIdOptional(id, LockModeType.PESSIMISTIC_WRITE);
    }

    public static List<RecallJob> newestFirst(KeysetCursor after, int limit) {
        if (after == null) {
            return findAll(Sort.descending("createdAt", "id")).page(0, limit).list();
        }
        return find("createdAt < :time or (createdAt = :time and id < :id)", Sort.descending("createdAt", "id"),
                Parameters.with("time", after.time()).and("id", after.id())).page(0, limit).list();
    }

    public static long countRunning() {
        return count("state", RecallJobState.RUNNING);
    }

    /** The totals of the creator's other jobs created since the time given that the creator confirmed alone. */
    static long confirmedAloneSince(String creator, Instant since, long except) {
        return ((Number) getEntityManager().createNativeQuery("""
                SELECT coalesce(sum(total), 0) FROM recall_job
                WHERE created_by = ?1 AND created_at >= ?2 AND confirmed_by = created_by AND id <> ?3""")
                .setParameter(1, creator).setParameter(2, since).setParameter(3, except).getSingleResult())
                .longValue();
    }

    static List<Long> runningIds() {
        return getEntityManager().createQuery("select id from RecallJob where state = :state order by id", Long.class)
                .setParameter("state", RecallJobState.RUNNING).getResultList();
    }

    /** Paused jobs whose pause reason starts with the given words (no LIKE wildcards in them), locked for update. */
    static List<RecallJob> pausedFor(String reasonPrefix) {
        return getEntityManager().createQuery("""
                select j from RecallJob j where j.state = :state and j.pauseReason like :prefix order by j.id""",
                RecallJob.class).setParameter("state", RecallJobState.PAUSED)
                .setParameter("prefix", reasonPrefix + "%")
                .setLockMode(LockModeType.PESSIMISTIC_WRITE).getResultList();
    }

    /** The job's state, with a share lock: a state change being committed is waited for, later ones wait. */
    static RecallJobState stateForShare(long id) {
        return RecallJobState.valueOf((String) getEntityManager()
                .createNativeQuery("SELECT state FROM recall_job WHERE id = ?1 FOR SHARE").setParameter(1, id)
                .getSingleResult());
    }

    /** Marks running jobs with no pending item left as completed, and returns their ids. */
    static List<Long> completeFinished(Instant now) {
        @SuppressWarnings("unchecked")
        List<Number> done = getEntityManager().createNativeQuery("""
                WITH done AS (
                    UPDATE recall_job j SET state = ?1, completed_at = ?2
                    WHERE j.state = ?3
                      AND NOT EXISTS (SELECT 1 FROM recall_item i WHERE i.job_id = j.id AND i.outcome = ?4)
                    RETURNING j.id)
                SELECT id FROM done""").setParameter(1, RecallJobState.COMPLETED.name()).setParameter(2, now)
                .setParameter(3, RecallJobState.RUNNING.name()).setParameter(4, ItemOutcome.PENDING.name())
                .getResultList();
        return done.stream().map(Number::longValue).toList();
    }
}
