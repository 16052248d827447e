package io.msgkey.recorder.recall;

import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;

/** One message of a job, with the identity it had when the job froze its selection, and how its recall went. */
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

    /** A job's items in selection order (newest message first), optionally of one outcome, after an item id. */
    public static List<RecallItem> page(long jobId, ItemOutcome outcome, Long afterId, int limit) {
        String query = "jobId = :job" + (outcome == null ? "" : " and outcome = :outcome")
                + (afterId == null ? "" : " and id > :after");
        Parameters parameters = Parameters.with("job", jobId);
        if (outcome != null) {
            parameters.and("outcome", outcome);
        }
        if (afterId != null) {
            parameters.and("after", afterId);
        }
        return find(query, Sort.ascending("id"), parameters).page(0, limit).list();
    }

    public static Map<ItemOutcome, Long> countsByOutcome(long jobId) {
        Map<ItemOutcome, Long> counts = new EnumMap<>(ItemOutcome.class);
        for (ItemOutcome outcome : ItemOutcome.values()) {
            counts.put(outcome, 0L);
        }
        List<Object[]> rows = getEntityManager()
                .createQuery("select outcome, count(*) from RecallItem where jobId = :job group by outcome",
                        Object[].class)
                .setParameter("job", jobId).getResultList();
        rows.forEach(row -> counts.put((ItemOutcome) row[0], (Long) row[1]));
        return counts;
    }

    public static long finishedSince(long jobId, Instant since) {
        return count("jobId = ?1 and finishedAt > ?2", jobId, since);
    }
}
