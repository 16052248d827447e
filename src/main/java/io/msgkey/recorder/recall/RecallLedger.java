package io.msgkey.recorder.recall;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.jboss.logging.Logger;

import io.msgkey.recorder.message.MessageRecallMarks;
import io.msgkey.recorder.tencent.GroupRecallOutcome;
import io.msgkey.recorder.tencent.WithdrawOutcome;

/**
 * The worker's decisions about each item, one short transaction per step, so that whatever happens between two steps
 * (a crash, a cancellation, another instance) leaves a state from which work resumes without sending an item twice
 * after a recorded success. What the verdicts are is {@link RecallVerdicts}'; {@link RecallItemRepository} writes them.
 */
@ApplicationScoped
class RecallLedger {

    private static final Logger LOG = Logger.getLogger(RecallLedger.class);

    /** What {@link #begin} found. */
    enum Start {
        /** Marked in flight: make the call. */
        CALL,
        /** Settled without a call (a job of this service recalled the message meanwhile). */
        SETTLED,
        /** No longer ours: lease lost, job no longer running, or already done. */
        DROPPED
    }

    private final RecallItemRepository items;
    private final MessageRecallMarks marks;
    private final Clock clock;

    RecallLedger(RecallItemRepository items, MessageRecallMarks marks, Clock clock) {
        this.items = items;
        this.marks = marks;
        this.clock = clock;
    }

    /**
     * Checks the item is still ours and its job still running, then either settles it without a call or marks it in
     * flight; the mark commits before Tencent is called. The usual case, a deliverable message of a running job, is
     * one statement; anything else is looked at closely.
     */
    @Transactional
    Start begin(ClaimedItem item, String owner, Duration lease) {
        Instant now = clock.instant();
        if (items.markInFlight(item.key(), owner, lease, now)) {
            return Start.CALL;
        }
        return startClosely(item, owner, now);
    }

    /**
     * {@link #begin} for the group items of one call: the usual case, all marked in flight in one statement; any left
     * out is looked at alone. Returns the items to send (the others were settled without a call, or dropped).
     */
    @Transactional
    List<ClaimedItem> beginGroupCall(List<ClaimedItem> call, String owner, Duration lease) {
        Instant now = clock.instant();
        Set<Long> marked = items.markInFlight(call.stream().map(ClaimedItem::key).toList(), owner, lease, now);
        List<ClaimedItem> send = new ArrayList<>();
        for (ClaimedItem item : call) {
            if (marked.contains(item.key().id())) {
                send.add(item);
            } else {
                startClosely(item, owner, now);
            }
        }
        return send;
    }

    private Start startClosely(ClaimedItem item, String owner, Instant now) {
        Optional<StartCheck> found = items.lockForStart(item.key(), owner);
        if (found.isEmpty()) {
            return Start.DROPPED;
        }
        StartCheck check = found.get();
        Settlement settlement;
        if (check.jobState() != RecallJobState.RUNNING) {
            settlement = null;
        } else if (check.recalledByJob()) {
            settlement = RecallVerdicts.foundRecalled(check.inFlight());
        } else {
            // the job was resumed between the two statements: taken again on the next claim
            settlement = null;
        }
        if (settlement == null) {
            items.release(item.key());
            return Start.DROPPED;
        }
        mark(item, settlement.outcome(), now);
        items.settleWithoutCall(item.key(), settlement, now);
        return Start.SETTLED;
    }

    /**
     * Records what Tencent said, if the item is still this instance's to record: an instance that stalled past its
     * lease may find another has taken the item over and recorded it, and must not undo that. The message row is
     * updated before the item, the order the callback write path also locks them in. An item that goes back (a call
     * that never left, a configuration error, which also pauses the job separately) is skipped instead when its job
     * was cancelled meanwhile.
     */
    @Transactional
    void finish(ClaimedItem item, WithdrawOutcome answered, String owner) {
        Instant now = clock.instant();
        // Waits for a cancellation being committed, so that an item put back below is skipped, not left pending.
        RecallJobState job = RecallJob.stateForShare(item.key().jobId());
        WithdrawOutcome counted = RecallVerdicts.counted(answered,
                () -> items.earlierAttemptUnanswered(item.key(), owner));
        Settlement settlement = RecallVerdicts.settlement(counted);
        mark(item, settlement.outcome(), now);
        if (settlement.outcome() == ItemOutcome.PENDING && job == RecallJobState.CANCELLED) {
            settlement = new Settlement(ItemOutcome.SKIPPED, settlement.attempts(), settlement.errorCode(),
                    settlement.errorInfo());
        }
        Instant finishedAt = settlement.outcome() == ItemOutcome.PENDING ? null : now;
        if (!items.recordCall(item.key(), owner, settlement, finishedAt)) {
            LOG.warnf("item %d was taken over by another instance before its outcome (%s) was recorded here",
                    item.key().id(), counted.result());
        }
    }

    /**
     * {@link #finish} for the group items of one call (all of one job): each takes its MsgSeq's outcome, or the call's
     * when the call failed as a whole; the recalled messages are marked, then items that end alike are recorded
     * together, their counts in one slot.
     */
    @Transactional
    void finishGroupCall(List<ClaimedItem> call, GroupRecallOutcome answered, String owner) {
        Instant now = clock.instant();
        long jobId = call.get(0).key().jobId();
        RecallJobState job = RecallJob.stateForShare(jobId);
        Map<Settlement, List<ItemKey>> alike = new LinkedHashMap<>();
        List<Long> recalled = new ArrayList<>();
        for (ClaimedItem item : call) {
            Settlement settlement = RecallVerdicts.settlement(answered.of(item.group().msgSeq()));
            if (settlement.outcome() == ItemOutcome.PENDING && job == RecallJobState.CANCELLED) {
                settlement = new Settlement(ItemOutcome.SKIPPED, settlement.attempts(), settlement.errorCode(),
                        settlement.errorInfo());
            }
            if (settlement.outcome() == ItemOutcome.RECALLED) {
                recalled.add(item.messageId());
            }
            alike.computeIfAbsent(settlement, s -> new ArrayList<>()).add(item.key());
        }
        marks.groupRecalledByJob(recalled, jobId, now);
        alike.forEach((settlement, keys) -> {
            Instant finishedAt = settlement.outcome() == ItemOutcome.PENDING ? null : now;
            int recorded = items.recordCalls(keys, call.get(0).key(), owner, settlement, finishedAt);
            if (recorded < keys.size()) {
                LOG.warnf("%d group items of job %d were taken over by another instance before their outcome (%s) "
                        + "was recorded here", keys.size() - recorded, jobId, settlement.outcome());
            }
        });
    }

    /**
     * Items of cancelled jobs that a dead instance left in flight: nobody will send them again, and whether their
     * recall took effect is unknown, which is what they record.
     */
    @Transactional
    int settleOrphansOfCancelledJobs() {
        return items.settleAbandonedOfCancelledJobs(RecallVerdicts.ABANDONED_IN_CANCELLED_JOB, clock.instant());
    }

    private void mark(ClaimedItem item, ItemOutcome outcome, Instant now) {
        if (item.isGroup()) {
            // a group message is never found recalled elsewhere: only a job of this service's recall spares its call
            if (outcome == ItemOutcome.RECALLED) {
                marks.groupRecalledByJob(List.of(item.messageId()), item.key().jobId(), now);
            }
            return;
        }
        switch (outcome) {
            case RECALLED -> marks.recalledByJob(item.messageId(), item.key().jobId(), now);
            case ALREADY_RECALLED -> marks.recalledElsewhere(item.messageId(), now);
            default -> {
            }
        }
    }
}
