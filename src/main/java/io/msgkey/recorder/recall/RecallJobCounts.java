package io.msgkey.recorder.recall;

import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import io.msgkey.recorder.common.SqlArrays;

/**
 * Every statement on {@code recall_job_count}: a job's items per outcome, moved in the transaction that changes the
 * items, so that a view reads a few rows per job instead of counting its items. A job's counts are spread over
 * {@link #SLOTS} rows: lanes settling items at Tencent's rate each update the slot of their item, not one row they
 * would all queue for. Each transaction updates one slot, so two never wait for each other's slots.
 */
@ApplicationScoped
class RecallJobCounts {

    static final int SLOTS = 16;
    /** The slot of changes made to many items at once (freezing, cancelling, retrying). */
    private static final int BULK = 0;

    private final EntityManager entityManager;

    RecallJobCounts(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    /** The job's slots, all zero; made with the job, so that settling only ever updates existing rows. */
    @Transactional(Transactional.TxType.MANDATORY)
    void create(long jobId) {
        entityManager.createNativeQuery(
                "INSERT INTO recall_job_count (job_id, slot) SELECT ?1, s FROM generate_series(0, ?2) AS s")
                .setParameter(1, jobId).setParameter(2, SLOTS - 1).executeUpdate();
    }

    /** Items just frozen into the job, pending. */
    @Transactional(Transactional.TxType.MANDATORY)
    void frozen(long jobId, long count) {
        if (count > 0) {
            entityManager.createNativeQuery(
                    "UPDATE recall_job_count SET pending = pending + ?1 WHERE job_id = ?2 AND slot = ?3")
                    .setParameter(1, count).setParameter(2, jobId).setParameter(3, BULK).executeUpdate();
        }
    }

    /** One item of the job went from one outcome to another. */
    @Transactional(Transactional.TxType.MANDATORY)
    void moved(ItemKey item, ItemOutcome from, ItemOutcome to) {
        move(item.jobId(), (int) Math.floorMod(item.id(), SLOTS), from, to, 1);
    }

    /**
     * Pending items of the job settled by one batch of calls, per outcome ({@code PENDING}: put back), in one
     * statement on the slot of {@code slot}.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    void settled(ItemKey slot, Map<ItemOutcome, Long> settled) {
        long moved = settled.entrySet().stream().filter(each -> each.getKey() != ItemOutcome.PENDING)
                .mapToLong(Map.Entry::getValue).sum();
        if (moved == 0) {
            return;
        }
        String set = settled.entrySet().stream().filter(each -> each.getKey() != ItemOutcome.PENDING)
                .map(each -> column(each.getKey()) + " = " + column(each.getKey()) + " + " + each.getValue())
                .collect(Collectors.joining(", "));
        entityManager.createNativeQuery("UPDATE recall_job_count SET pending = pending - ?1, " + set
                + " WHERE job_id = ?2 AND slot = ?3").setParameter(1, moved).setParameter(2, slot.jobId())
                .setParameter(3, (int) Math.floorMod(slot.id(), SLOTS)).executeUpdate();
    }

    /** Many items of the job went from one outcome to another in one statement. */
    @Transactional(Transactional.TxType.MANDATORY)
    void movedMany(long jobId, ItemOutcome from, ItemOutcome to, long count) {
        move(jobId, BULK, from, to, count);
    }

    /** Each job's items per outcome (every outcome present), for a page of jobs in one statement. */
    @Transactional
    Map<Long, Map<ItemOutcome, Long>> read(Collection<Long> jobIds) {
        Map<Long, Map<ItemOutcome, Long>> counts = new HashMap<>();
        if (jobIds.isEmpty()) {
            return counts;
        }
        String sums = List.of(ItemOutcome.values()).stream().map(outcome -> "sum(" + column(outcome) + ")")
                .collect(Collectors.joining(", "));
        @SuppressWarnings("unchecked")
        List<Object[]> rows = entityManager.createNativeQuery("SELECT job_id, " + sums + " FROM recall_job_count "
                + "WHERE job_id = ANY (CAST(?1 AS bigint[])) GROUP BY job_id")
                .setParameter(1, SqlArrays.bigints(jobIds))
                .getResultList();
        for (long jobId : jobIds) {
            Map<ItemOutcome, Long> zero = new EnumMap<>(ItemOutcome.class);
            for (ItemOutcome outcome : ItemOutcome.values()) {
                zero.put(outcome, 0L);
            }
            counts.put(jobId, zero);
        }
        for (Object[] row : rows) {
            Map<ItemOutcome, Long> job = counts.get(((Number) row[0]).longValue());
            for (ItemOutcome outcome : ItemOutcome.values()) {
                job.put(outcome, ((Number) row[outcome.ordinal() + 1]).longValue());
            }
        }
        return counts;
    }

    private void move(long jobId, int slot, ItemOutcome from, ItemOutcome to, long count) {
        if (from == to || count == 0) {
            return;
        }
        entityManager.createNativeQuery("UPDATE recall_job_count SET " + column(from) + " = " + column(from)
                + " - ?1, " + column(to) + " = " + column(to) + " + ?1 WHERE job_id = ?2 AND slot = ?3")
                .setParameter(1, count).setParameter(2, jobId).setParameter(3, slot).executeUpdate();
    }

    /** The column of an outcome: its name in lower case, from the enum alone. */
    private static String column(ItemOutcome outcome) {
        return outcome.name().toLowerCase(Locale.ROOT);
    }
}
