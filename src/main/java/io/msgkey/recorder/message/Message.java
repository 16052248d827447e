package io.msgkey.recorder.message;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/**
 * A recorded one-to-one message. Rows are written by the callback write path in batches of plain SQL; this mapping
 * is how the rest of the service reads them.
 */
@Entity
@Table(name = "message")
public class Message extends PanacheEntityBase {

    @Id
    public Long id;

    @Column(name = "sdk_app_id")
    public long sdkAppId;

    @Column(name = "from_account")
    public String from;

    @Column(name = "to_account")
    public String to;

    @Column(name = "msg_key")
    public String msgKey;

    @Column(name = "msg_seq")
    public Long msgSeq;

    @Column(name = "msg_random")
    public Long msgRandom;

    @Column(name = "msg_time")
    public Instant msgTime;

    @Column(name = "online_only")
    public Boolean onlineOnly;

    @Column(name = "client_ip")
    public String clientIp;

    public String platform;

    @Column(name = "first_seen_at")
    public Instant firstSeenAt;

    @Column(name = "seen_before")
    public boolean seenBefore;

    @Column(name = "seen_after")
    public boolean seenAfter;

    @Column(name = "send_result")
    public Integer sendResult;

    @Column(insertable = false, updatable = false)
    public boolean delivered;

    @Column(name = "recalled_at")
    public Instant recalledAt;

    @Column(name = "recall_source")
    public String recallSource;

    @Column(name = "recall_job_id")
    public Long recallJobId;

    @Column(name = "recall_reported_at")
    public Instant recallReportedAt;

    /** A recall job of this service recalled the message. */
    public static void markRecalledByJob(long id, long jobId, Instant at) {
        getEntityManager().createNativeQuery("""
                UPDATE message SET recalled_at = coalesce(recalled_at, ?1), recall_source = 'job', recall_job_id = ?2
                WHERE id = ?3""").setParameter(1, at).setParameter(2, jobId).setParameter(3, id).executeUpdate();
    }

    /** Tencent says the message was already recalled, by someone else: when is unknown, so first known is kept. */
    public static void markRecalledElsewhere(long id, Instant knownAt) {
        getEntityManager().createNativeQuery("""
                UPDATE message SET recalled_at = coalesce(recalled_at, ?1),
                    recall_source = coalesce(recall_source, 'tencent')
                WHERE id = ?2""").setParameter(1, knownAt).setParameter(2, id).executeUpdate();
    }
}
