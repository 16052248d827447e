package io.msgkey.recorder.message;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/**
 * A recorded one-to-one message. Rows are written by the write path (callbacks, imports, sync jobs) in batches of plain
 * SQL, and their recall marks by {@link MessageRecallMarks} for recall jobs; this mapping is how the rest of the service
 * reads them.
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

    /** True while msgTime stands in for Tencent's MsgTime (a recall echo's time, a batch import's time). */
    @Column(name = "msg_time_estimated")
    public boolean msgTimeEstimated;

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

    /** How the record first learnt of the message: a {@link MessageSource} wire name. */
    public String source;
}
