package io.msgkey.recorder.recall;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/**
 * One message of a job, with the identity it had when the job froze its selection (accounts and MsgKey for a
 * one-to-one message; group, topic and MsgSeq for a group message), and how its recall went. Written
 * only by {@link RecallItemRepository}; this mapping is how pages of items are read.
 */
@Entity
@Table(name = "recall_item")
public class RecallItem extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "job_id")
    public long jobId;

    @Column(name = "message_id")
    public long messageId;

    /** {@code c2c} or {@code group}: which of the identities below the item has. */
    public String chat;

    @Column(name = "group_id")
    public String groupId;

    @Column(name = "topic_id")
    public String topicId;

    @Column(name = "msg_seq")
    public Long msgSeq;

    @Column(name = "from_account")
    public String from;

    @Column(name = "to_account")
    public String to;

    @Column(name = "msg_key")
    public String msgKey;

    @Column(name = "msg_time")
    public Instant msgTime;

    @Enumerated(EnumType.STRING)
    public ItemOutcome outcome;

    public int attempts;

    @Column(name = "last_error_code")
    public Integer lastErrorCode;

    @Column(name = "last_error_info")
    public String lastErrorInfo;

    @Column(name = "last_attempt_at")
    public Instant lastAttemptAt;

    @Column(name = "in_flight_since")
    public Instant inFlightSince;

    @Column(name = "finished_at")
    public Instant finishedAt;

    @Column(name = "confirmed_at")
    public Instant confirmedAt;
}
