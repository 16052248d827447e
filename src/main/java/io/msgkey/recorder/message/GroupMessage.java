package io.msgkey.recorder.message;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/**
 * A recorded group message. Rows are written by the write path in batches of plain SQL; this mapping is how the rest
 * of the service reads them. {@code topicId} is empty outside community topics; {@code from} is null while the
 * message is known only from its recall echo.
 */
@Entity
@Table(name = "group_message")
public class GroupMessage extends PanacheEntityBase {

    @Id
    public Long id;

    @Column(name = "sdk_app_id")
    public long sdkAppId;

    @Column(name = "group_id")
    public String groupId;

    @Column(name = "topic_id")
    public String topicId;

    @Column(name = "msg_seq")
    public long msgSeq;

    @Column(name = "from_account")
    public String from;

    @Column(name = "operator_account")
    public String operator;

    @Column(name = "msg_random")
    public Long msgRandom;

    @Column(name = "msg_time")
    public Instant msgTime;

    @Column(name = "msg_time_estimated")
    public boolean msgTimeEstimated;

    @Column(name = "online_only")
    public Boolean onlineOnly;

    @Column(name = "group_type")
    public String groupType;

    @Column(name = "first_seen_at")
    public Instant firstSeenAt;

    @Column(name = "recalled_at")
    public Instant recalledAt;

    @Column(name = "recall_source")
    public String recallSource;

    @Column(name = "recalled_by")
    public String recalledBy;

    /** How the record first learnt of the message: a {@link MessageSource} wire name. */
    public String source;
}
