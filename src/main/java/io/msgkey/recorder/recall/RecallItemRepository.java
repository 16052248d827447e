package io.msgkey.recorder.recall;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.hibernate.Session;

import io.msgkey.recorder.common.SqlArrays;
import io.msgkey.recorder.message.GroupMessageKey;
import io.msgkey.recorder.message.GroupMessageQuery;
import io.msgkey.recorder.message.MessageKey;
import io.msgkey.recorder.message.MessageQuery;
import io.msgkey.recorder.message.MessageRecallMarks;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;

/**
 * Every statement that reads or writes the state of recall items: the frozen selection, leases, the in-flight mark,
 * settlement, cancellation, Tencent's recall echoes, and the counts and pages the API shows. {@link RecallLedger}
 * decides what becomes of an item; this class alone says it to the database, with outcome and state names bound from
 * {@link ItemOutcome} and {@link RecallJobState}.
 * <p>
 * Items are leased with {@code FOR UPDATE SKIP LOCKED}, renewed while the instance lives and free for others once a
 * dead instance's leases run out. Leases use the database clock, the one clock every instance shares; statements that
 * lock several items take them in id order or skip locked ones, so they never deadlock with each other or with a
 * cancellation. Everything past the claim names an item by its {@link ItemKey}, whatever kind of message it recalls.
 */
@ApplicationScoped
public class RecallItemRepository {

    private static final String PENDING = ItemOutcome.PENDING.name();
    /** The end of both echo statements: of the echoed messages' items, those recalled or in flight, in id order. */
    private static final String CONFIRM_ECHOED = """
                WHERE i.confirmed_at IS NULL
                  AND (i.outcome = ANY (?::text[]) OR (i.outcome = ? AND i.in_flight_since IS NOT NULL))
                ORDER BY i.id
                FOR UPDATE OF i)
            UPDATE recall_item i SET confirmed_at = echoed.reported_at FROM echoed WHERE i.id = echoed.id""";
    private static final String LEASE_FROM_NOW = "now() + ?2 * interval '1 millisecond'";
    /** {@code recall_item.chat} of each kind. */
    static final String ONE_TO_ONE = "c2c";
    static final String GROUP = "group";
    private static final String ONE_TO_ONE_COLUMNS = "m.id, CAST('" + ONE_TO_ONE + "' AS text) AS chat, "
            + "m.from_account, m.to_account, m.msg_key, CAST(NULL AS text) AS group_id, CAST(NULL AS text) AS topic_id, "
            + "CAST(NULL AS bigint) AS msg_seq, m.msg_time, m.recalled_at IS NOT NULL AS recalled, "
            + "NOT m.delivered AS undelivered";
    private static final String GROUP_COLUMNS = "g.id, CAST('" + GROUP + "' AS text) AS chat, g.from_account, "
            + "CAST(NULL AS text) AS to_account, CAST(NULL AS text) AS msg_key, g.group_id, g.topic_id, g.msg_seq, "
            + "g.msg_time, g.recalled_at IS NOT NULL AS recalled, false AS undelivered";
    private static final Pattern PLACEHOLDER = Pattern.compile("\\?(\\d+)");

    private final EntityManager entityManager;
    private final RecallJobCounts counts;

    RecallItemRepository(EntityManager entityManager, RecallJobCounts counts) {
        this.entityManager = entityManager;
        this.counts = counts;
    }

    /**
     * Copies the next chunk of the selection into the job's items, newest first across both chats, in one statement
     * that reads each message once and locks none: each chat's next {@code limit} rows (a range scan on its filter's
     * index) merged, and the newest {@code limit} of them kept. A message already in the job (its MsgTime was
     * corrected to an older one since its chunk) is not copied twice. The chunk is read once into {@code s} and
     * everything is counted from it: joining the inserted rows back to it would be planned blind (no statistics on
     * either) and could turn quadratic. Either query may be null (its chat is not part of the selection).
     */
    @Transactional(Transactional.TxType.MANDATORY)
    FrozenChunk freezeChunk(long jobId, MessageQuery oneToOne, GroupMessageQuery groups, FreezePosition position,
            int limit, Instant oldBefore) {
        List<MessageQuery.Sql> parts = new ArrayList<>();
        if (oneToOne != null) {
            parts.add(oneToOne.chunk(ONE_TO_ONE_COLUMNS, position.bound(), position.afterTime(), position.afterId(),
                    limit));
        }
        if (groups != null) {
            parts.add(groups.chunk(GROUP_COLUMNS, position.bound(), position.afterTime(), position.afterId(), limit));
        }
        MessageQuery.Sql chunk = merged(parts, limit);
        int job = chunk.parameters().size() + 1;
        int cutoff = job + 1;
        String sql = "WITH s AS MATERIALIZED (SELECT c.*, NOT EXISTS (SELECT 1 FROM recall_item i WHERE i.job_id = ?"
                + job + " AND i.message_id = c.id) AS fresh FROM (" + chunk.text() + ") c), ins AS ("
                + "INSERT INTO recall_item (job_id, message_id, chat, from_account, to_account, msg_key, group_id, "
                + "topic_id, msg_seq, msg_time) SELECT ?" + job + ", s.id, s.chat, s.from_account, s.to_account, "
                + "s.msg_key, s.group_id, s.topic_id, s.msg_seq, s.msg_time FROM s WHERE s.fresh "
                + "ORDER BY s.msg_time DESC, s.id DESC) "
                + "SELECT count(*), count(*) FILTER (WHERE fresh), count(*) FILTER (WHERE fresh AND recalled), "
                + "count(*) FILTER (WHERE fresh AND undelivered), count(*) FILTER (WHERE fresh AND msg_time < ?"
                + cutoff + "), (SELECT msg_time FROM s ORDER BY msg_time, id LIMIT 1), "
                + "(SELECT id FROM s ORDER BY msg_time, id LIMIT 1), count(*) FILTER (WHERE fresh AND chat = '"
                + GROUP + "') FROM s";
        Object[] row = (Object[]) chunk.bind(entityManager.createNativeQuery(sql)).setParameter(job, jobId)
                .setParameter(cutoff, oldBefore).getSingleResult();
        long read = number(row[0]);
        FrozenChunk frozen = new FrozenChunk(number(row[1]), number(row[7]), number(row[2]), number(row[3]),
                number(row[4]), read < limit ? null : position.after(instant(row[5]), number(row[6])));
        counts.frozen(jobId, frozen.frozen());
        return frozen;
    }

    /** One chat's chunk as it is, or both merged newest first; each side's placeholders renumbered after the last. */
    private static MessageQuery.Sql merged(List<MessageQuery.Sql> parts, int limit) {
        if (parts.size() == 1) {
            return parts.get(0);
        }
        StringBuilder text = new StringBuilder("SELECT * FROM (");
        List<Object> parameters = new ArrayList<>();
        for (MessageQuery.Sql part : parts) {
            int shift = parameters.size();
            text.append(parameters.isEmpty() ? "(" : " UNION ALL (").append(PLACEHOLDER.matcher(part.text())
                    .replaceAll(match -> "?" + (Integer.parseInt(match.group(1)) + shift))).append(')');
            parameters.addAll(part.parameters());
        }
        parameters.add(limit);
        text.append(") u ORDER BY msg_time DESC, id DESC LIMIT ?").append(parameters.size());
        return new MessageQuery.Sql(text.toString(), parameters);
    }

    /** Leases up to {@code limit} pending one-to-one items of a job that nobody else holds, oldest first. */
    @Transactional
    List<ClaimedItem> claim(long jobId, String owner, int limit, Duration lease) {
        return claimed(jobId, owner, limit, lease, ONE_TO_ONE).stream().map(row -> ClaimedItem.oneToOne(key(row),
                number(row[2]), new ClaimedItem.OneToOneMessage((String) row[3], (String) row[4], (String) row[5])))
                .toList();
    }

    /**
     * Leases up to {@code limit} pending group items of a job that nobody else holds, ordered by group, topic and
     * item: those of one group and topic follow each other, to be packed ten to a call. Each carries its job's reason
     * as Tencent is given it ({@link RecallReason#forTencent}).
     */
    @Transactional
    List<ClaimedItem> claimGroup(long jobId, String owner, int limit, Duration lease) {
        return claimed(jobId, owner, limit, lease, GROUP).stream().map(row -> ClaimedItem.inGroup(key(row),
                number(row[2]), new ClaimedItem.GroupMessageSeq((String) row[6], (String) row[7], number(row[8]),
                        RecallReason.forTencent((String) row[9], (String) row[10]))))
                .toList();
    }

    private List<Object[]> claimed(long jobId, String owner, int limit, Duration lease, String chat) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = entityManager.createNativeQuery("""
                WITH claimed AS (
                    UPDATE recall_item SET lease_owner = ?1, lease_until = %s
                    WHERE id IN (SELECT id FROM recall_item
                                 WHERE job_id = ?3 AND chat = ?6 AND outcome = ?5
                                   AND (lease_until IS NULL OR lease_until < now())
                                 ORDER BY group_id, topic_id, id LIMIT ?4 FOR UPDATE SKIP LOCKED)
                    RETURNING id, job_id, message_id, from_account, to_account, msg_key, group_id, topic_id, msg_seq)
                SELECT c.*, j.reason, j.note FROM claimed c JOIN recall_job j ON j.id = c.job_id
                ORDER BY c.group_id, c.topic_id, c.id""".formatted(LEASE_FROM_NOW)).setParameter(1, owner)
                .setParameter(2, lease.toMillis()).setParameter(3, jobId).setParameter(4, limit)
                .setParameter(5, PENDING).setParameter(6, chat).getResultList();
        return rows;
    }

    private static ItemKey key(Object[] row) {
        return new ItemKey(number(row[0]), number(row[1]));
    }

    /**
     * Keeps the leases of the items this instance holds alive; items of a dead instance, or ones it lost track of,
     * become free once theirs run out. Rows locked at this moment are being settled, cancelled or started (which
     * renews the lease itself), so they are skipped, not waited on.
     */
    @Transactional
    int renewLeases(String owner, Collection<ItemKey> held, Duration lease) {
        if (held.isEmpty()) {
            return 0;
        }
        return entityManager.createNativeQuery("""
                UPDATE recall_item SET lease_until = %s
                WHERE id IN (SELECT id FROM recall_item
                             WHERE id = ANY (CAST(?1 AS bigint[])) AND lease_owner = ?3 AND outcome = ?4
                             FOR UPDATE SKIP LOCKED)""".formatted(LEASE_FROM_NOW))
                .setParameter(1, SqlArrays.bigints(held, ItemKey::id)).setParameter(2, lease.toMillis()).setParameter(3, owner)
                .setParameter(4, PENDING).executeUpdate();
    }

    /** Hands back items taken but not started, so that another instance can go on at once. */
    @Transactional
    int releaseUnstarted(String owner) {
        return entityManager.createNativeQuery("""
                UPDATE recall_item SET lease_owner = NULL, lease_until = NULL
                WHERE id IN (SELECT id FROM recall_item
                             WHERE lease_owner = ?1 AND outcome = ?2 AND in_flight_since IS NULL
                             ORDER BY id FOR UPDATE)""").setParameter(1, owner).setParameter(2, PENDING)
                .executeUpdate();
    }

    @Transactional
    void release(ItemKey item) {
        entityManager.createNativeQuery("UPDATE recall_item SET lease_owner = NULL, lease_until = NULL WHERE id = ?1")
                .setParameter(1, item.id()).executeUpdate();
    }

    /**
     * Marks the items in flight and counts the attempt, those still this owner's, their job running and their message
     * not recalled by a job of this service: the calls of several lanes at once, of either kind, in one statement
     * after {@link #lockOurs}. Each item's message is looked up by id in its own table (a scalar subquery per item:
     * as anti-joins over both tables, a batch could be planned as a scan of all messages), and so is the job's state:
     * joined to the job, the update was planned from it, reading every item of the job and looking up its message
     * before keeping the few hundred asked for, whenever the statistics were older than the job's items (at a job's
     * start): 200,000 buffers for 640 items of a 10,000-item job, 0.3-0.6 s a batch under load. Named by id alone, the
     * items can only be reached through the primary key. PostgreSQL's JIT is off for the transaction: with a
     * partition per day, an id lookup in each partition for each item is costed above {@code jit_above_cost}, and
     * compiling the plan took longer (80 ms) than running it. Returns the ids marked; those left out are looked at one
     * by one. Marks from callbacks (recalled, undelivered) do not spare the call: they may be forged, and Tencent knows
     * the truth.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    Set<Long> markInFlight(Collection<ItemKey> items, String owner, Duration lease, Instant now) {
        Set<Long> ours = lockOurs(items.stream().map(ItemKey::id).toList(), owner);
        if (ours.isEmpty()) {
            return ours;
        }
        entityManager.createNativeQuery("SELECT set_config('jit', 'off', true)").getSingleResult();
        @SuppressWarnings("unchecked")
        List<Number> marked = entityManager.createNativeQuery("""
                UPDATE recall_item i SET in_flight_since = coalesce(i.in_flight_since, ?1),
                    attempts = i.attempts + 1, last_attempt_at = ?1, lease_until = %s
                WHERE i.id = ANY (CAST(?3 AS bigint[]))
                  AND (SELECT j.state FROM recall_job j WHERE j.id = i.job_id) = ?4
                  AND (CASE WHEN i.chat = ?6 THEN (SELECT m.recall_source FROM message m WHERE m.id = i.message_id)
                            ELSE (SELECT g.recall_source FROM group_message g WHERE g.id = i.message_id)
                       END) IS DISTINCT FROM ?5
                RETURNING i.id""".formatted(LEASE_FROM_NOW)).setParameter(1, now)
                .setParameter(2, lease.toMillis()).setParameter(3, SqlArrays.bigints(ours))
                .setParameter(4, RecallJobState.RUNNING.name()).setParameter(5, MessageRecallMarks.BY_JOB)
                .setParameter(6, ONE_TO_ONE).getResultList();
        return marked.stream().map(Number::longValue).collect(Collectors.toSet());
    }

    /**
     * Locks the items in id order (so that statements locking several items never deadlock) and returns those still
     * pending and this owner's, in a statement of its own that names them by id alone: the update that follows then
     * runs on a snapshot taken after the locks, finds none of its rows changed under it, and is planned as a lookup
     * by id. Locking within the update, with the owner and outcome among its conditions, let PostgreSQL recheck the
     * join for each row a lease renewal had just changed, or scan every pending item once per id (it expects almost
     * no row to match an owner): seconds for a batch of hundreds of items.
     */
    private Set<Long> lockOurs(Collection<Long> ids, String owner) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = entityManager.createNativeQuery("""
                SELECT i.id, i.outcome = ?2 AND i.lease_owner IS NOT DISTINCT FROM ?3 FROM recall_item i
                WHERE i.id IN (SELECT unnest(CAST(?1 AS bigint[]))) ORDER BY i.id FOR UPDATE OF i""")
                .setParameter(1, SqlArrays.bigints(ids)).setParameter(2, PENDING).setParameter(3, owner)
                .getResultList();
        return rows.stream().filter(row -> (Boolean) row[1]).map(row -> number(row[0]))
                .collect(Collectors.toCollection(HashSet::new));
    }

    /** Locks a pending item this owner holds and reads what decides how it starts; empty when it is not ours. */
    @Transactional
    Optional<StartCheck> lockForStart(ItemKey item, String owner) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = entityManager.createNativeQuery("""
                SELECT j.state, coalesce(m.recall_source = ?4, g.recall_source = ?4, false),
                    i.in_flight_since IS NOT NULL
                FROM recall_item i JOIN recall_job j ON j.id = i.job_id LEFT JOIN message m ON m.id = i.message_id
                    LEFT JOIN group_message g ON g.id = i.message_id
                WHERE i.id = ?1 AND i.lease_owner = ?2 AND i.outcome = ?3
                FOR UPDATE OF i""").setParameter(1, item.id()).setParameter(2, owner).setParameter(3, PENDING)
                .setParameter(4, MessageRecallMarks.BY_JOB).getResultList();
        return rows.stream().findFirst().map(row -> new StartCheck(RecallJobState.valueOf((String) row[0]),
                (Boolean) row[1], (Boolean) row[2]));
    }

    /** A call this instance or a dead one made earlier for the item went out and was never recorded. */
    @Transactional
    boolean earlierAttemptUnanswered(ItemKey item, String owner) {
        return !entityManager.createNativeQuery(
                "SELECT 1 FROM recall_item WHERE id = ?1 AND lease_owner = ?2 AND in_flight_since <> last_attempt_at")
                .setParameter(1, item.id()).setParameter(2, owner).getResultList().isEmpty();
    }

    /**
     * Records how the calls the items were marked in flight for ended, many calls' items in one statement after
     * {@link #lockOurs}, each with its own settlement; only items still this owner's are recorded (another instance
     * may have taken one over meanwhile). An item going back ({@code PENDING}) keeps no finish time. Each job's counts
     * move once, in the slot of its first item, the one slot of that job the transaction updates. Returns how many
     * were recorded.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    int recordCalls(List<RecordedOutcome> outcomes, String owner, Instant now) {
        Set<Long> ours = lockOurs(outcomes.stream().map(outcome -> outcome.key().id()).toList(), owner);
        List<RecordedOutcome> recordable = outcomes.stream().filter(outcome -> ours.contains(outcome.key().id()))
                .toList();
        if (recordable.isEmpty()) {
            return 0;
        }
        Session session = entityManager.unwrap(Session.class);
        List<Object[]> recorded = session.doReturningWork(connection -> {
            try (PreparedStatement statement = connection.prepareStatement("""
                    UPDATE recall_item i SET outcome = r.outcome,
                        finished_at = CASE WHEN r.outcome = ? THEN NULL ELSE CAST(? AS timestamptz) END,
                        attempts = i.attempts - 1 + r.attempts, last_error_code = r.error_code,
                        last_error_info = r.error_info, in_flight_since = NULL, lease_owner = NULL, lease_until = NULL
                    FROM unnest(?::bigint[], ?::text[], ?::integer[], ?::integer[], ?::text[])
                        AS r(id, outcome, attempts, error_code, error_info)
                    WHERE i.id = r.id
                    RETURNING i.id, i.job_id, i.outcome""")) {
                statement.setString(1, PENDING);
                statement.setString(2, now.toString());
                Object[] ids = column(recordable, outcome -> outcome.key().id());
                statement.setArray(3, connection.createArrayOf("int8", ids));
                statement.setArray(4, connection.createArrayOf("text",
                        column(recordable, outcome -> outcome.settlement().outcome().name())));
                statement.setArray(5, connection.createArrayOf("int4",
                        column(recordable, outcome -> outcome.settlement().attempts())));
                statement.setArray(6, connection.createArrayOf("int4",
                        column(recordable, outcome -> outcome.settlement().errorCode())));
                statement.setArray(7, connection.createArrayOf("text",
                        column(recordable, outcome -> outcome.settlement().errorInfo())));
                List<Object[]> rows = new ArrayList<>();
                try (ResultSet result = statement.executeQuery()) {
                    while (result.next()) {
                        rows.add(new Object[] { result.getLong(1), result.getLong(2), result.getString(3) });
                    }
                }
                return rows;
            }
        });
        Map<Long, Long> slots = new LinkedHashMap<>();
        recordable.forEach(outcome -> slots.putIfAbsent(outcome.key().jobId(), outcome.key().id()));
        Map<Long, Map<ItemOutcome, Long>> moves = new TreeMap<>();
        for (Object[] row : recorded) {
            moves.computeIfAbsent((Long) row[1], job -> new EnumMap<>(ItemOutcome.class))
                    .merge(ItemOutcome.valueOf((String) row[2]), 1L, Long::sum);
        }
        moves.forEach((jobId, settled) -> counts.settled(new ItemKey(slots.get(jobId), jobId), settled));
        return recorded.size();
    }

    /** Settles an item locked by {@link #lockForStart} without a call. */
    @Transactional
    void settleWithoutCall(ItemKey item, Settlement settlement, Instant now) {
        entityManager.createNativeQuery("""
                UPDATE recall_item SET outcome = ?1, last_error_code = CAST(?2 AS integer),
                    last_error_info = CAST(?3 AS text), finished_at = ?4, lease_owner = NULL, lease_until = NULL
                WHERE id = ?5""").setParameter(1, settlement.outcome().name())
                .setParameter(2, settlement.errorCode()).setParameter(3, settlement.errorInfo()).setParameter(4, now)
                .setParameter(5, item.id()).executeUpdate();
        counts.moved(item, ItemOutcome.PENDING, settlement.outcome());
    }

    /** Gives every pending item of the job that is not in flight the outcome, and returns how many there were. */
    @Transactional
    int settleUnstarted(long jobId, ItemOutcome outcome, Instant now) {
        int settled = entityManager.createNativeQuery("""
                UPDATE recall_item SET outcome = ?1, finished_at = ?2, lease_owner = NULL, lease_until = NULL
                WHERE id IN (SELECT id FROM recall_item
                             WHERE job_id = ?3 AND outcome = ?4 AND in_flight_since IS NULL
                             ORDER BY id FOR UPDATE)""").setParameter(1, outcome.name()).setParameter(2, now)
                .setParameter(3, jobId).setParameter(4, PENDING).executeUpdate();
        counts.movedMany(jobId, ItemOutcome.PENDING, outcome, settled);
        return settled;
    }

    /** Puts the job's failed items back to pending, to be sent again, and returns how many there were. */
    @Transactional
    int retryFailed(long jobId) {
        int retried = entityManager.createNativeQuery("""
                UPDATE recall_item SET outcome = ?1, finished_at = NULL
                WHERE id IN (SELECT id FROM recall_item WHERE job_id = ?2 AND outcome = ?3 ORDER BY id FOR UPDATE)""")
                .setParameter(1, PENDING).setParameter(2, jobId).setParameter(3, ItemOutcome.FAILED.name())
                .executeUpdate();
        counts.movedMany(jobId, ItemOutcome.FAILED, ItemOutcome.PENDING, retried);
        return retried;
    }

    /** Settles the pending items of cancelled jobs whose leases ran out: what their dead instance left in flight. */
    @Transactional
    int settleAbandonedOfCancelledJobs(Settlement settlement, Instant now) {
        @SuppressWarnings("unchecked")
        List<Object[]> settled = entityManager.createNativeQuery("""
                WITH settled AS (
                    UPDATE recall_item i SET outcome = ?1, finished_at = ?2, in_flight_since = NULL,
                        lease_owner = NULL, lease_until = NULL, last_error_info = ?3
                    FROM recall_job j
                    WHERE j.id = i.job_id AND j.state = ?4 AND i.outcome = ?5 AND i.lease_until < now()
                    RETURNING i.job_id)
                SELECT job_id, count(*) FROM settled GROUP BY job_id ORDER BY job_id""")
                .setParameter(1, settlement.outcome().name()).setParameter(2, now)
                .setParameter(3, settlement.errorInfo()).setParameter(4, RecallJobState.CANCELLED.name())
                .setParameter(5, PENDING).getResultList();
        settled.forEach(row -> counts.movedMany(number(row[0]), ItemOutcome.PENDING, settlement.outcome(),
                number(row[1])));
        return settled.stream().mapToInt(row -> (int) number(row[1])).sum();
    }

    /**
     * Marks the items the echoes confirm, on the write path's own connection and in the transaction that records the
     * echoes, after the message rows (the lock order the ledger also keeps). Only items recalled, or in flight, are
     * confirmed: those that ended without a recall (skipped, failed) are left alone.
     */
    public void confirmEchoes(Connection connection, List<RecallEcho> echoes) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("""
                WITH echoed AS (
                    SELECT i.id, r.reported_at
                    FROM recall_item i
                    JOIN message m ON m.id = i.message_id
                    JOIN unnest(?::bigint[], ?::text[], ?::text[], ?::text[], ?::timestamptz[])
                        AS r(sdk_app_id, from_account, to_account, msg_key, reported_at)
                      ON m.sdk_app_id = r.sdk_app_id AND m.from_account = r.from_account
                     AND m.to_account = r.to_account AND m.msg_key = r.msg_key
                """ + CONFIRM_ECHOED)) {
            List<MessageKey> messages = echoes.stream().map(RecallEcho::message).toList();
            statement.setArray(1, connection.createArrayOf("int8", column(messages, MessageKey::sdkAppId)));
            statement.setArray(2, connection.createArrayOf("text", column(messages, MessageKey::from)));
            statement.setArray(3, connection.createArrayOf("text", column(messages, MessageKey::to)));
            statement.setArray(4, connection.createArrayOf("text", column(messages, MessageKey::msgKey)));
            // ISO-8601 text, cast by PostgreSQL: exact to the microsecond and independent of the JVM's time zone
            statement.setArray(5, connection.createArrayOf("text", column(echoes, echo -> echo.reportedAt().toString())));
            confirmEchoed(connection, statement, 6);
        }
    }

    /**
     * {@link #confirmEchoes} for Tencent's group recall echoes (Group.CallbackAfterRecallMsg), one per MsgSeq, matched
     * through the message's identity.
     */
    public void confirmGroupEchoes(Connection connection, List<GroupRecallEcho> echoes) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("""
                WITH echoed AS (
                    SELECT i.id, r.reported_at
                    FROM recall_item i
                    JOIN group_message g ON g.id = i.message_id
                    JOIN unnest(?::bigint[], ?::text[], ?::text[], ?::bigint[], ?::timestamptz[])
                        AS r(sdk_app_id, group_id, topic_id, msg_seq, reported_at)
                      ON g.sdk_app_id = r.sdk_app_id AND g.group_id = r.group_id AND g.topic_id = r.topic_id
                     AND g.msg_seq = r.msg_seq
                """ + CONFIRM_ECHOED)) {
            List<GroupMessageKey> messages = echoes.stream().map(GroupRecallEcho::message).toList();
            statement.setArray(1, connection.createArrayOf("int8", column(messages, GroupMessageKey::sdkAppId)));
            statement.setArray(2, connection.createArrayOf("text", column(messages, GroupMessageKey::groupId)));
            statement.setArray(3, connection.createArrayOf("text", column(messages, GroupMessageKey::topicId)));
            statement.setArray(4, connection.createArrayOf("int8", column(messages, GroupMessageKey::msgSeq)));
            statement.setArray(5, connection.createArrayOf("text", column(echoes, echo -> echo.reportedAt().toString())));
            confirmEchoed(connection, statement, 6);
        }
    }

    /** Binds the end of both echo statements ({@link #CONFIRM_ECHOED}), from parameter {@code first} on, and runs it. */
    private static void confirmEchoed(Connection connection, PreparedStatement statement, int first)
            throws SQLException {
        statement.setArray(first, connection.createArrayOf("text",
                new Object[] { ItemOutcome.RECALLED.name(), ItemOutcome.ALREADY_RECALLED.name() }));
        statement.setString(first + 1, PENDING);
        statement.executeUpdate();
    }

    /**
     * How many items of each job finished since the time given for it: one statement for a page of running jobs, each
     * reading only its items of the last few seconds.
     */
    @Transactional
    Map<Long, Long> finishedSince(Map<Long, Instant> since) {
        if (since.isEmpty()) {
            return Map.of();
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = entityManager.createNativeQuery("""
                SELECT i.job_id, count(*) FROM recall_item i
                JOIN unnest(CAST(?1 AS bigint[]), CAST(?2 AS timestamptz[])) AS w(job_id, since)
                  ON i.job_id = w.job_id AND i.finished_at > w.since
                GROUP BY i.job_id""").setParameter(1, array(since.keySet(), Function.identity()))
                .setParameter(2, array(since.values(), Instant::toString)).getResultList();
        return rows.stream().collect(Collectors.toMap(row -> number(row[0]), row -> number(row[1])));
    }

    /** A job's items in selection order (newest message first), optionally of one outcome, after an item id. */
    @Transactional
    List<RecallItem> page(long jobId, ItemOutcome outcome, Long afterId, int limit) {
        String query = "jobId = :job" + (outcome == null ? "" : " and outcome = :outcome")
                + (afterId == null ? "" : " and id > :after");
        Parameters parameters = Parameters.with("job", jobId);
        if (outcome != null) {
            parameters.and("outcome", outcome);
        }
        if (afterId != null) {
            parameters.and("after", afterId);
        }
        return RecallItem.<RecallItem> find(query, Sort.ascending("id"), parameters).page(0, limit).list();
    }

    private static <T> Object[] column(List<T> rows, Function<? super T, ?> value) {
        return rows.stream().map(value).toArray();
    }

    /** A PostgreSQL array literal, for the native queries that take one value per item or job. */
    private static <T> String array(Collection<T> values, Function<? super T, ?> value) {
        return values.stream().map(value).map(String::valueOf).collect(Collectors.joining(",", "{", "}"));
    }

    private static long number(Object value) {
        return ((Number) value).longValue();
    }

    private static Instant instant(Object value) {
        return value instanceof java.sql.Timestamp time ? time.toInstant() : (Instant) value;
    }
}
