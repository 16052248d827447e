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
}
