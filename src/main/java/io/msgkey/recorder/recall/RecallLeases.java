package io.msgkey.recorder.recall;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/**
 * Which instance works on which items. Items are leased with {@code FOR UPDATE SKIP LOCKED}, renewed while the
 * instance lives and free for others once a dead instance's leases run out. Leases use the database clock, the one
 * clock every instance shares; statements that lock several items take them in id order or skip locked ones, so they
 * never deadlock with each other or with a cancellation.
 */
@ApplicationScoped
class RecallLeases {

    private final EntityManager entityManager;

    RecallLeases(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    @Transactional
    List<Long> runningJobs() {
        return entityManager.createQuery("select id from RecallJob where state = :state order by id", Long.class)
                .setParameter("state", RecallJobState.RUNNING).getResultList();
    }

    /** Leases up to {@code limit} pending items of a job that nobody else holds, oldest first. */
    @Transactional
    List<ClaimedItem> claim(long jobId, String owner, int limit, Duration lease) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = entityManager.createNativeQuery("""
                WITH claimed AS (
                    UPDATE recall_item SET lease_owner = ?1, lease_until = now() + ?2 * interval '1 millisecond'
                    WHERE id IN (SELECT id FROM recall_item
                                 WHERE job_id = ?3 AND outcome = 'PENDING'
                                   AND (lease_until IS NULL OR lease_until < now())
                                 ORDER BY id LIMIT ?4 FOR UPDATE SKIP LOCKED)
                    RETURNING id, job_id, message_id, from_account, to_account, msg_key)
                SELECT * FROM claimed ORDER BY id""").setParameter(1, owner).setParameter(2, lease.toMillis())
                .setParameter(3, jobId).setParameter(4, limit).getResultList();
        List<ClaimedItem> items = new ArrayList<>(rows.size());
        for (Object[] row : rows) {
            items.add(new ClaimedItem(((Number) row[0]).longValue(), ((Number) row[1]).longValue(),
                    ((Number) row[2]).longValue(), (String) row[3], (String) row[4], (String) row[5]));
        }
        return items;
    }

    /**
     * Keeps the leases of the items this instance holds alive; items of a dead instance, or ones it lost track of,
     * become free once theirs run out. Rows locked at this moment are being settled, cancelled or started (which
     * renews the lease itself), so they are skipped, not waited on.
     */
    @Transactional
    int renewLeases(String owner, Collection<Long> held, Duration lease) {
        if (held.isEmpty()) {
            return 0;
        }
        String ids = held.stream().map(String::valueOf).collect(Collectors.joining(",", "{", "}"));
        return entityManager.createNativeQuery("""
                UPDATE recall_item SET lease_until = now() + ?1 * interval '1 millisecond'
                WHERE id IN (SELECT id FROM recall_item
                             WHERE id = ANY (CAST(?2 AS bigint[])) AND lease_owner = ?3 AND outcome = 'PENDING'
                             FOR UPDATE SKIP LOCKED)""").setParameter(1, lease.toMillis()).setParameter(2, ids)
                .setParameter(3, owner).executeUpdate();
    }

    /** Hands back items taken but not started, so that another instance can go on at once. */
    @Transactional
    int releaseUnstarted(String owner) {
        return entityManager.createNativeQuery("""
                UPDATE recall_item SET lease_owner = NULL, lease_until = NULL
                WHERE id IN (SELECT id FROM recall_item
                             WHERE lease_owner = ?1 AND outcome = 'PENDING' AND in_flight_since IS NULL
                             ORDER BY id FOR UPDATE)""").setParameter(1, owner).executeUpdate();
    }
}
