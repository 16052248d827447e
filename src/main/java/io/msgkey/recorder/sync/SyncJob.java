package io.msgkey.recorder.sync;

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
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;

/**
 * A sync job as the service reads it. Its state changes, leases and the cursor of Tencent's conversation list are
 * written by {@link SyncJobRepository}, and its progress lives with its conversations.
 */
@Entity
@Table(name = "sync_job")
public class SyncJob extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public SyncJobState state;

    @Column(name = "user_account", nullable = false)
    public String user;

    @JdbcTypeCode(SqlTypes.JSON)
    public List<String> peers;

    @Column(nullable = false)
    public Instant since;

    @Column(nullable = false)
    public Instant until;

    @Column(name = "created_by", nullable = false)
    public String createdBy;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "list_pending", nullable = false)
    public boolean listPending;

    @Column(name = "paused_at")
    public Instant pausedAt;

    public String error;

    @Column(name = "cancelled_by")
    public String cancelledBy;

    @Column(name = "cancelled_at")
    public Instant cancelledAt;

    @Column(name = "finished_at")
    public Instant finishedAt;

    /** The job, locked until the transaction ends: state changes are decided one at a time. */
    static Optional<SyncJob> findForUpdate(long id) {
        return findByIdOptional(id, LockModeType.PESSIMISTIC_WRITE);
    }

    static List<SyncJob> newestFirst(KeysetCursor after, int limit) {
        if (after == null) {
            return findAll(Sort.descending("createdAt", "id")).page(0, limit).list();
        }
        return find("createdAt < :time or (createdAt = :time and id < :id)", Sort.descending("createdAt", "id"),
                Parameters.with("time", after.time()).and("id", after.id())).page(0, limit).list();
    }
}
