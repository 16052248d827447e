package io.msgkey.recorder.sync;

import java.time.Instant;
import java.util.List;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.hibernate.annotations.Immutable;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;

/** One conversation of a sync job as the API reads it; {@link SyncJobRepository} writes it. */
@Entity
@Immutable
@Table(name = "sync_conversation")
public class SyncConversation extends PanacheEntityBase {

    @Id
    public Long id;

    @Column(name = "job_id")
    public long jobId;

    public String peer;

    @Column(name = "found_by")
    public String foundBy;

    @Enumerated(EnumType.STRING)
    public ConversationState state;

    public int pages;

    public long seen;

    public long added;

    @Column(name = "already_known")
    public long alreadyKnown;

    @Column(name = "recalled_at_tencent")
    public long recalledAtTencent;

    public int attempts;

    @Column(name = "last_error")
    public String lastError;

    @Column(name = "finished_at")
    public Instant finishedAt;

    /** A job's conversations in the order they were found, after an id. */
    static List<SyncConversation> page(long jobId, Long afterId, int limit) {
        String query = "jobId = :job" + (afterId == null ? "" : " and id > :after");
        Parameters parameters = Parameters.with("job", jobId);
        if (afterId != null) {
            parameters.and("after", afterId);
        }
        return find(query, Sort.ascending("id"), parameters).page(0, limit).list();
    }
}
