package io.msgkey.recorder.sync;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import io.msgkey.recorder.common.SqlArrays;
import io.msgkey.recorder.tencent.ContactCursor;
import io.msgkey.recorder.tencent.RoamCursor;

/**
 * Every statement that writes the state of sync jobs and their conversations: creation, leases, page cursors and
 * counts, retries, failures, pause, cancellation and completion; and the counts the API shows. {@link SyncLedger}
 * and {@link SyncJobService} decide; this class alone says it to the database, with state names bound from
 * {@link SyncJobState} and {@link ConversationState}.
 * <p>
 * Work is leased with {@code FOR UPDATE SKIP LOCKED} on the database clock, the one clock every instance shares:
 * conversations one by one, a job's conversation list on the job row. A lease is renewed while its instance lives
 * and free for others once it runs out; a released conversation waiting for a retry keeps only its lease_until.
 * A page is recorded under a lock on its conversation alone (after its messages), never on the job row, so lanes never
 * queue behind each other; a cancellation locks the job and then its conversations in id order and never a message,
 * so the two cannot deadlock.
 */
@ApplicationScoped
public class SyncJobRepository {

    private static final String PENDING = ConversationState.PENDING.name();
    private static final String RUNNING = SyncJobState.RUNNING.name();
    private static final String LEASE_FROM_NOW = "now() + CAST(?2 AS bigint) * interval '1 millisecond'";

    private final EntityManager entityManager;

    SyncJobRepository(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    SyncJob create(String user, List<String> peers, Instant since, Instant until, String actor, Instant now) {
        SyncJob job = new SyncJob();
        job.state = SyncJobState.RUNNING;
        job.user = user;
        job.peers = peers;
        job.since = since;
        job.until = until;
        job.createdBy = actor;
        job.createdAt = now;
        job.listPending = peers == null;
        job.persist();
        return job;
    }

    /** Adds the peers the job does not have yet and returns how many were new. */
    @Transactional(Transactional.TxType.MANDATORY)
    int addConversations(long jobId, Collection<String> peers, PeerSource source) {
        if (peers.isEmpty()) {
            return 0;
        }
        return entityManager.createNativeQuery("""
                INSERT INTO sync_conversation (job_id, peer, found_by)
                SELECT ?1, p.peer, ?3 FROM unnest(CAST(?2 AS text[])) WITH ORDINALITY AS p(peer, ord) ORDER BY p.ord
                ON CONFLICT ON CONSTRAINT sync_conversation_once_per_job DO NOTHING""").setParameter(1, jobId)
                .setParameter(2, textArray(peers)).setParameter(3, source.wireName()).executeUpdate();
    }

    /** Adds every peer the record knows for the user, in either direction, whenever they wrote. */
    @Transactional(Transactional.TxType.MANDATORY)
    int addPeersOfTheRecord(long jobId, long sdkAppId, String user) {
        return entityManager.createNativeQuery("""
                INSERT INTO sync_conversation (job_id, peer, found_by)
                SELECT ?1, p.peer, ?4 FROM (
                    SELECT to_account AS peer FROM message WHERE sdk_app_id = ?2 AND from_account = ?3
                    UNION
                    SELECT from_account FROM message WHERE sdk_app_id = ?2 AND to_account = ?3) p
                ORDER BY p.peer
                ON CONFLICT ON CONSTRAINT sync_conversation_once_per_job DO NOTHING""").setParameter(1, jobId)
                .setParameter(2, sdkAppId).setParameter(3, user).setParameter(4, PeerSource.RECORD.wireName())
                .executeUpdate();
    }

    @Transactional(Transactional.TxType.MANDATORY)
    Optional<SyncJob> lock(long id) {
        return SyncJob.findForUpdate(id);
    }

    @Transactional(Transactional.TxType.MANDATORY)
    void pause(SyncJob job, String reason, Instant now) {
        job.state = SyncJobState.PAUSED;
        job.pausedAt = now;
        job.error = reason;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    void resume(SyncJob job) {
        job.state = SyncJobState.RUNNING;
        job.pausedAt = null;
        job.error = null;
    }

    /** Cancels the job and skips its pending conversations; returns how many were skipped. */
    @Transactional(Transactional.TxType.MANDATORY)
    int cancel(SyncJob job, String actor, Instant now) {
        job.state = SyncJobState.CANCELLED;
        job.cancelledBy = actor;
        job.cancelledAt = now;
        job.finishedAt = now;
        entityManager.flush();
        return entityManager.createNativeQuery("""
                UPDATE sync_conversation SET state = ?1, finished_at = ?2, lease_owner = NULL, lease_until = NULL
                WHERE id IN (SELECT id FROM sync_conversation WHERE job_id = ?3 AND state = ?4 ORDER BY id FOR UPDATE)""")
                .setParameter(1, ConversationState.SKIPPED.name()).setParameter(2, now).setParameter(3, job.id)
                .setParameter(4, PENDING).executeUpdate();
    }

    @Transactional
    List<Long> runningJobIds() {
        return entityManager.createQuery("select id from SyncJob where state = :state order by id", Long.class)
                .setParameter("state", SyncJobState.RUNNING).getResultList();
    }

    /** Leases up to {@code limit} pending conversations of a running job that nobody holds, oldest first. */
    @Transactional
    List<SyncWork.Conversation> claimConversations(long jobId, String owner, int limit, Duration lease) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = entityManager.createNativeQuery("""
                WITH claimed AS (
                    UPDATE sync_conversation SET lease_owner = ?1, lease_until = %s
                    WHERE id IN (SELECT c.id FROM sync_conversation c JOIN sync_job j ON j.id = c.job_id
                                 WHERE c.job_id = ?3 AND c.state = ?5 AND j.state = ?6
                                   AND (c.lease_until IS NULL OR c.lease_until < now())
                                 ORDER BY c.id LIMIT ?4 FOR UPDATE OF c SKIP LOCKED)
                    RETURNING id, job_id, peer, next_max_time, next_last_msg_key)
                SELECT c.id, c.job_id, c.peer, c.next_max_time, c.next_last_msg_key, j.user_account, j.since, j.until
                FROM claimed c JOIN sync_job j ON j.id = c.job_id ORDER BY c.id""".formatted(LEASE_FROM_NOW))
                .setParameter(1, owner).setParameter(2, lease.toMillis()).setParameter(3, jobId)
                .setParameter(4, limit).setParameter(5, PENDING).setParameter(6, RUNNING).getResultList();
        return rows.stream().map(row -> new SyncWork.Conversation(number(row[0]), number(row[1]), (String) row[5],
                (String) row[2], instant(row[6]), instant(row[7]),
                row[3] == null ? null : new RoamCursor(number(row[3]), (String) row[4]))).toList();
    }

    /** Leases the conversation lists of running jobs still to be read that nobody holds. */
    @Transactional
    List<SyncWork.Listing> claimListings(String owner, int limit, Duration lease) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = entityManager.createNativeQuery("""
                WITH claimed AS (
                    UPDATE sync_job SET lease_owner = ?1, lease_until = %s
                    WHERE id IN (SELECT id FROM sync_job
                                 WHERE state = ?3 AND list_pending AND (lease_until IS NULL OR lease_until < now())
                                 ORDER BY id LIMIT ?4 FOR UPDATE SKIP LOCKED)
                    RETURNING id, user_account, list_time_stamp, list_start_index, list_top_time_stamp,
                        list_top_start_index)
                SELECT * FROM claimed ORDER BY id""".formatted(LEASE_FROM_NOW)).setParameter(1, owner)
                .setParameter(2, lease.toMillis()).setParameter(3, RUNNING).setParameter(4, limit).getResultList();
        return rows.stream().map(row -> new SyncWork.Listing(number(row[0]), (String) row[1],
                new ContactCursor(number(row[2]), number(row[3]), number(row[4]), number(row[5])))).toList();
    }

    /**
     * Keeps the leases of the work this instance holds alive. Rows locked at this moment are having a page recorded
     * (which renews the lease itself) or are being cancelled, so they are skipped, not waited on.
     */
    @Transactional
    void renewLeases(String owner, Collection<Long> conversations, Collection<Long> listings, Duration lease) {
        if (!conversations.isEmpty()) {
            entityManager.createNativeQuery("""
                    UPDATE sync_conversation SET lease_until = %s
                    WHERE id IN (SELECT id FROM sync_conversation
                                 WHERE id = ANY (CAST(?1 AS bigint[])) AND lease_owner = ?3 AND state = ?4
                                 FOR UPDATE SKIP LOCKED)""".formatted(LEASE_FROM_NOW))
                    .setParameter(1, SqlArrays.bigints(conversations)).setParameter(2, lease.toMillis())
                    .setParameter(3, owner).setParameter(4, PENDING).executeUpdate();
        }
        if (!listings.isEmpty()) {
            entityManager.createNativeQuery("""
                    UPDATE sync_job SET lease_until = %s
                    WHERE id IN (SELECT id FROM sync_job
                                 WHERE id = ANY (CAST(?1 AS bigint[])) AND lease_owner = ?3 AND list_pending
                                 FOR UPDATE SKIP LOCKED)""".formatted(LEASE_FROM_NOW))
                    .setParameter(1, SqlArrays.bigints(listings)).setParameter(2, lease.toMillis())
                    .setParameter(3, owner).executeUpdate();
        }
    }

    /**
     * Adds a recorded page to the conversation's counts and moves its cursor on, if the conversation is still this
     * owner's, pending, and its job running; false otherwise. With no next cursor the conversation is done and
     * released. A page that succeeds clears the failures before it. The conversation row is the only one locked: a
     * cancellation being committed is waited for and seen; one committed later skips the conversation after this page.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    boolean recordPage(long conversationId, String owner, PageCounts counts, RoamCursor next, Duration lease,
            Instant now) {
        return entityManager.createNativeQuery("""
                UPDATE sync_conversation c SET pages = c.pages + 1, seen = c.seen + ?3, added = c.added + ?4,
                    already_known = c.already_known + ?5, recalled_at_tencent = c.recalled_at_tencent + ?6,
                    next_max_time = CAST(?7 AS bigint), next_last_msg_key = CAST(?8 AS text), attempts = 0,
                    last_error = NULL,
                    state = CASE WHEN ?9 THEN ?10 ELSE c.state END,
                    finished_at = CASE WHEN ?9 THEN CAST(?11 AS timestamptz) END,
                    lease_owner = CASE WHEN ?9 THEN NULL ELSE c.lease_owner END,
                    lease_until = CASE WHEN ?9 THEN NULL ELSE %s END
                FROM sync_job j
                WHERE c.id = ?1 AND c.lease_owner = ?12 AND c.state = ?13 AND j.id = c.job_id AND j.state = ?14"""
                .formatted(LEASE_FROM_NOW)).setParameter(1, conversationId)
                .setParameter(2, lease.toMillis()).setParameter(3, counts.seen()).setParameter(4, counts.added())
                .setParameter(5, counts.alreadyKnown()).setParameter(6, counts.recalledAtTencent())
                .setParameter(7, next == null ? null : next.maxTime())
                .setParameter(8, next == null ? null : next.lastMsgKey()).setParameter(9, next == null)
                .setParameter(10, ConversationState.DONE.name()).setParameter(11, now).setParameter(12, owner)
                .setParameter(13, PENDING).setParameter(14, RUNNING).executeUpdate() == 1;
    }

    /**
     * A fetch failed transiently even after the client's retries: the conversation waits {@code delay} before anyone
     * tries it again, or fails after {@code maxAttempts} failures in a row. Returns its state after.
     */
    @Transactional
    ConversationState retryLater(long conversationId, String owner, String error, Duration delay, int maxAttempts,
            Instant now) {
        @SuppressWarnings("unchecked")
        List<String> state = entityManager.createNativeQuery("""
                WITH tried AS (
                    UPDATE sync_conversation SET attempts = attempts + 1, last_error = ?3,
                        state = CASE WHEN attempts + 1 >= ?4 THEN ?5 ELSE state END,
                        finished_at = CASE WHEN attempts + 1 >= ?4 THEN CAST(?6 AS timestamptz) END,
                        lease_owner = NULL,
                        lease_until = CASE WHEN attempts + 1 >= ?4 THEN NULL ELSE %s END
                    WHERE id = ?1 AND lease_owner = ?7 AND state = ?8
                    RETURNING state)
                SELECT state FROM tried""".formatted(LEASE_FROM_NOW)).setParameter(1, conversationId)
                .setParameter(2, delay.toMillis()).setParameter(3, error).setParameter(4, maxAttempts)
                .setParameter(5, ConversationState.FAILED.name()).setParameter(6, now).setParameter(7, owner)
                .setParameter(8, PENDING).getResultList();
        return state.isEmpty() ? ConversationState.PENDING : ConversationState.valueOf(state.get(0));
    }

    /** The conversation cannot be fetched (Tencent refused it, or its paging went wrong): final. */
    @Transactional
    void fail(long conversationId, String owner, String error, Instant now) {
        entityManager.createNativeQuery("""
                UPDATE sync_conversation SET state = ?1, last_error = ?2, attempts = attempts + 1, finished_at = ?3,
                    lease_owner = NULL, lease_until = NULL
                WHERE id = ?4 AND lease_owner = ?5 AND state = ?6""").setParameter(1, ConversationState.FAILED.name())
                .setParameter(2, error).setParameter(3, now).setParameter(4, conversationId).setParameter(5, owner)
                .setParameter(6, PENDING).executeUpdate();
    }

    /** Hands a conversation back untouched, for anyone to take at once. */
    @Transactional
    void release(long conversationId, String owner) {
        entityManager.createNativeQuery(
                "UPDATE sync_conversation SET lease_owner = NULL, lease_until = NULL WHERE id = ?1 AND lease_owner = ?2")
                .setParameter(1, conversationId).setParameter(2, owner).executeUpdate();
    }

    /** Hands back everything this instance holds, so that another can go on at once. */
    @Transactional
    int releaseAll(String owner) {
        int conversations = entityManager.createNativeQuery("""
                UPDATE sync_conversation SET lease_owner = NULL, lease_until = NULL
                WHERE id IN (SELECT id FROM sync_conversation WHERE lease_owner = ?1 ORDER BY id FOR UPDATE)""")
                .setParameter(1, owner).executeUpdate();
        int listings = entityManager.createNativeQuery("""
                UPDATE sync_job SET lease_owner = NULL, lease_until = NULL
                WHERE id IN (SELECT id FROM sync_job WHERE lease_owner = ?1 ORDER BY id FOR UPDATE)""")
                .setParameter(1, owner).executeUpdate();
        return conversations + listings;
    }

    /** Locks a job's conversation list for recording a page, if this owner still reads it and the job runs. */
    @Transactional(Transactional.TxType.MANDATORY)
    boolean lockListing(long jobId, String owner) {
        return !entityManager.createNativeQuery("""
                SELECT id FROM sync_job WHERE id = ?1 AND lease_owner = ?2 AND state = ?3 AND list_pending
                FOR UPDATE""").setParameter(1, jobId).setParameter(2, owner).setParameter(3, RUNNING).getResultList()
                .isEmpty();
    }

    /** Moves the list's cursor on; with no next cursor the list is read and the lease released. */
    @Transactional(Transactional.TxType.MANDATORY)
    void recordListPage(long jobId, ContactCursor next, Duration lease) {
        ContactCursor cursor = next == null ? ContactCursor.FIRST : next;
        entityManager.createNativeQuery("""
                UPDATE sync_job SET list_pages = list_pages + 1, list_attempts = 0, list_error = NULL,
                    list_time_stamp = ?3, list_start_index = ?4, list_top_time_stamp = ?5, list_top_start_index = ?6,
                    list_pending = NOT ?7,
                    lease_owner = CASE WHEN ?7 THEN NULL ELSE lease_owner END,
                    lease_until = CASE WHEN ?7 THEN NULL ELSE %s END
                WHERE id = ?1""".formatted(LEASE_FROM_NOW)).setParameter(1, jobId).setParameter(2, lease.toMillis())
                .setParameter(3, cursor.timeStamp()).setParameter(4, cursor.startIndex())
                .setParameter(5, cursor.topTimeStamp()).setParameter(6, cursor.topStartIndex())
                .setParameter(7, next == null).executeUpdate();
    }

    /** As {@link #retryLater} for a job's conversation list: after too many failures it is given up, with the error. */
    @Transactional
    void retryListingLater(long jobId, String owner, String error, Duration delay, int maxAttempts) {
        entityManager.createNativeQuery("""
                UPDATE sync_job SET list_attempts = list_attempts + 1,
                    list_pending = list_attempts + 1 < ?3,
                    list_error = CASE WHEN list_attempts + 1 >= ?3 THEN CAST(?4 AS text) END,
                    lease_owner = NULL,
                    lease_until = CASE WHEN list_attempts + 1 >= ?3 THEN NULL ELSE %s END
                WHERE id = ?1 AND lease_owner = ?5 AND list_pending""".formatted(LEASE_FROM_NOW))
                .setParameter(1, jobId).setParameter(2, delay.toMillis()).setParameter(3, maxAttempts)
                .setParameter(4, error).setParameter(5, owner).executeUpdate();
    }

    /** Gives the list up at once (Tencent refused it, or its paging went wrong). */
    @Transactional
    void failListing(long jobId, String owner, String error) {
        entityManager.createNativeQuery("""
                UPDATE sync_job SET list_pending = false, list_error = ?2, lease_owner = NULL, lease_until = NULL
                WHERE id = ?1 AND lease_owner = ?3 AND list_pending""").setParameter(1, jobId)
                .setParameter(2, error).setParameter(3, owner).executeUpdate();
    }

    @Transactional
    void releaseListing(long jobId, String owner) {
        entityManager.createNativeQuery(
                "UPDATE sync_job SET lease_owner = NULL, lease_until = NULL WHERE id = ?1 AND lease_owner = ?2")
                .setParameter(1, jobId).setParameter(2, owner).executeUpdate();
    }

    /**
     * Locks the running jobs whose conversation list is read, so that no list page adds a conversation while they are
     * judged; jobs busy elsewhere are left for the next round.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    List<Long> lockListedRunningJobs() {
        @SuppressWarnings("unchecked")
        List<Number> ids = entityManager.createNativeQuery("""
                SELECT id FROM sync_job WHERE state = ?1 AND NOT list_pending ORDER BY id FOR UPDATE SKIP LOCKED""")
                .setParameter(1, RUNNING).getResultList();
        return ids.stream().map(Number::longValue).toList();
    }

    /**
     * Of jobs locked by {@link #lockListedRunningJobs}, those with no pending conversation left, with what failed. A
     * statement of its own, so that it sees every conversation committed before the lock was taken.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    List<Finishing> finishing(List<Long> jobIds) {
        if (jobIds.isEmpty()) {
            return List.of();
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = entityManager.createNativeQuery("""
                SELECT j.id, count(c.id), count(c.id) FILTER (WHERE c.state = ?2),
                    min(c.peer || ': ' || coalesce(c.last_error, 'no error kept')) FILTER (WHERE c.state = ?2),
                    j.list_error
                FROM sync_job j LEFT JOIN sync_conversation c ON c.job_id = j.id
                WHERE j.id = ANY (CAST(?1 AS bigint[]))
                  AND NOT EXISTS (SELECT 1 FROM sync_conversation p WHERE p.job_id = j.id AND p.state = ?3)
                GROUP BY j.id ORDER BY j.id""").setParameter(1, SqlArrays.bigints(jobIds))
                .setParameter(2, ConversationState.FAILED.name()).setParameter(3, PENDING).getResultList();
        return rows.stream().map(row -> new Finishing(number(row[0]), number(row[1]), number(row[2]),
                (String) row[3], (String) row[4])).toList();
    }

    @Transactional(Transactional.TxType.MANDATORY)
    void finish(long jobId, SyncJobState state, String error, Instant now) {
        entityManager.createNativeQuery("""
                UPDATE sync_job SET state = ?1, error = CAST(?2 AS text), finished_at = ?3, lease_owner = NULL,
                    lease_until = NULL
                WHERE id = ?4""").setParameter(1, state.name()).setParameter(2, error).setParameter(3, now)
                .setParameter(4, jobId).executeUpdate();
    }

    /** The conversations and message counts of each job: one statement for a whole page of jobs. */
    @Transactional
    Map<Long, SyncProgress> progress(Collection<Long> jobIds) {
        if (jobIds.isEmpty()) {
            return Map.of();
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = entityManager.createNativeQuery("""
                SELECT job_id, count(*), count(*) FILTER (WHERE state = ?2), count(*) FILTER (WHERE state = ?3),
                    sum(seen), sum(added), sum(already_known), sum(recalled_at_tencent)
                FROM sync_conversation WHERE job_id = ANY (CAST(?1 AS bigint[])) GROUP BY job_id""")
                .setParameter(1, SqlArrays.bigints(jobIds)).setParameter(2, ConversationState.DONE.name())
                .setParameter(3, ConversationState.FAILED.name()).getResultList();
        Map<Long, SyncProgress> progress = new HashMap<>();
        for (Object[] row : rows) {
            progress.put(number(row[0]), new SyncProgress(number(row[1]), number(row[2]), number(row[3]),
                    number(row[4]), number(row[5]), number(row[6]), number(row[7])));
        }
        return jobIds.stream().collect(Collectors.toMap(id -> id, id -> progress.getOrDefault(id, SyncProgress.NONE)));
    }

    private static long number(Object value) {
        return ((Number) value).longValue();
    }

    private static Instant instant(Object value) {
        return switch (value) {
            case Instant instant -> instant;
            case OffsetDateTime time -> time.toInstant();
            case Timestamp timestamp -> timestamp.toInstant();
            default -> throw new IllegalStateException("not a time: " + value);
        };
    }

    /** PostgreSQL array literals, for the native queries that take one value per row. */
    private static String textArray(Collection<String> values) {
        return values.stream().map(value -> '"' + value.replace("\\", "\\\\").replace("\"", "\\\"") + '"')
                .collect(Collectors.joining(",", "{", "}"));
    }
}
