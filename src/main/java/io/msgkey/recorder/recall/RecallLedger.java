package io.msgkey.recorder.recall;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.jboss.logging.Logger;

import io.msgkey.recorder.message.MessageRecallMarks;
import io.msgkey.recorder.tencent.WithdrawOutcome;

/**
 * The worker's decisions about each item, in short transactions per step (marked in flight, answer recorded), each for
 * the calls of many lanes at once, so that whatever happens between two steps (a crash, a cancellation, another
 * instance) leaves a state from which work resumes without sending an item twice after a recorded success. What the verdicts
 * are is {@link RecallVerdicts}'; {@link RecallItemRepository} writes them.
 */
@ApplicationScoped
class RecallLedger {

    private static final Logger LOG = Logger.getLogger(RecallLedger.class);

    private final RecallItemRepository items;
    private final MessageRecallMarks marks;
    private final Clock clock;

    RecallLedger(RecallItemRepository items, MessageRecallMarks marks, Clock clock) {
        this.items = items;
        this.marks = marks;
        this.clock = clock;
    }

    /**
     * Checks that the items of the calls of several lanes are still ours and their jobs still running, then either
     * settles each without a call or marks it in flight, in one transaction whose commit comes before any of the calls
     * is sent. The usual case, deliverable messages of running jobs, is one statement; anything else is looked at
     * closely. Returns, call by call, the items to send (the others were settled without a call, or dropped).
     */
    @Transactional
    List<List<ClaimedItem>> beginCalls(List<RecallCall> calls, String owner, Duration lease) {
        Instant now = clock.instant();
        Set<Long> marked = items.markInFlight(
                calls.stream().flatMap(call -> call.items().stream()).map(ClaimedItem::key).toList(), owner, lease, now);
        List<List<ClaimedItem>> send = new ArrayList<>();
        for (RecallCall call : calls) {
            List<ClaimedItem> callSend = new ArrayList<>();
            for (ClaimedItem item : call.items()) {
                if (marked.contains(item.key().id())) {
                    callSend.add(item);
                } else {
                    startClosely(item, owner, now);
                }
            }
            send.add(callSend);
        }
        return send;
    }

    private void startClosely(ClaimedItem item, String owner, Instant now) {
        Optional<StartCheck> found = items.lockForStart(item.key(), owner);
        if (found.isEmpty()) {
            return;
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
            return;
        }
        mark(List.of(item), settlement.outcome(), now);
        items.settleWithoutCall(item.key(), settlement, now);
    }

    /**
     * Records what Tencent said for the calls of many lanes, in one transaction: each item takes its answer's outcome
     * (a group item its MsgSeq's, or its call's when the call failed as a whole), if it is still this instance's to
     * record: an instance that stalled past its lease may find another has taken the item over and recorded it, and
     * must not undo that. The message rows are updated before the items, the order the callback write path also locks
     * them in. An item that goes back (a call that never left, a configuration error, which also pauses the job
     * separately) is skipped instead when its job was cancelled meanwhile. Nothing commits once {@code alive} says the
     * engine was abandoned, as nothing would after a crash.
     */
    @Transactional
    void finishCalls(List<AnsweredCall> calls, String owner, BooleanSupplier alive) {
        Instant now = clock.instant();
        List<ClaimedItem> answered = new ArrayList<>();
        List<Settlement> settlements = new ArrayList<>();
        for (AnsweredCall call : calls) {
            for (ClaimedItem item : call.items()) {
                WithdrawOutcome counted = item.isGroup() ? call.answerFor(item)
                        : RecallVerdicts.counted(call.answerFor(item),
                                () -> items.earlierAttemptUnanswered(item.key(), owner));
                answered.add(item);
                settlements.add(RecallVerdicts.settlement(counted));
            }
        }
        Set<Long> cancelled = cancelledAmong(answered, settlements);
        List<RecordedOutcome> outcomes = new ArrayList<>();
        Map<ItemOutcome, List<ClaimedItem>> byOutcome = new EnumMap<>(ItemOutcome.class);
        for (int i = 0; i < answered.size(); i++) {
            ClaimedItem item = answered.get(i);
            Settlement settlement = settlements.get(i);
            if (settlement.outcome() == ItemOutcome.PENDING && cancelled.contains(item.key().jobId())) {
                settlement = new Settlement(ItemOutcome.SKIPPED, settlement.attempts(), settlement.errorCode(),
                        settlement.errorInfo());
            }
            byOutcome.computeIfAbsent(settlement.outcome(), outcome -> new ArrayList<>()).add(item);
            outcomes.add(new RecordedOutcome(item.key(), settlement));
        }
        byOutcome.forEach((outcome, settled) -> mark(settled, outcome, now));
        int recorded = items.recordCalls(outcomes, owner, now);
        if (recorded < outcomes.size()) {
            LOG.warnf("%d of %d items were taken over by another instance before their outcome was recorded here",
                    outcomes.size() - recorded, outcomes.size());
        }
        if (!alive.getAsBoolean()) {
            throw new IllegalStateException("the recall engine was abandoned: its answers are left unrecorded");
        }
    }

    /**
     * The jobs, among those of items going back, that are cancelled; their rows are share-locked in id order, which
     * waits for a cancellation being committed, so that an item put back is skipped, not left pending. Answers that
     * settle their items (the usual case) need no look at the job.
     */
    private static Set<Long> cancelledAmong(List<ClaimedItem> answered, List<Settlement> settlements) {
        Set<Long> goingBack = new TreeSet<>();
        for (int i = 0; i < answered.size(); i++) {
            if (settlements.get(i).outcome() == ItemOutcome.PENDING) {
                goingBack.add(answered.get(i).key().jobId());
            }
        }
        return goingBack.stream().filter(jobId -> RecallJob.stateForShare(jobId) == RecallJobState.CANCELLED)
                .collect(Collectors.toSet());
    }

    /**
     * Items of cancelled jobs that a dead instance left in flight: nobody will send them again, and whether their
     * recall took effect is unknown, which is what they record.
     */
    @Transactional
    int settleOrphansOfCancelledJobs() {
        return items.settleAbandonedOfCancelledJobs(RecallVerdicts.ABANDONED_IN_CANCELLED_JOB, clock.instant());
    }

    /**
     * Marks the items' messages as the outcome says, one statement per job and kind, in job order. A group message is
     * never found recalled elsewhere: only a job of this service's recall spares its call.
     */
    private void mark(List<ClaimedItem> settled, ItemOutcome outcome, Instant now) {
        if (outcome == ItemOutcome.ALREADY_RECALLED) {
            marks.recalledElsewhere(settled.stream().filter(item -> !item.isGroup()).map(ClaimedItem::messageId)
                    .toList(), now);
        } else if (outcome == ItemOutcome.RECALLED) {
            Map<Long, List<ClaimedItem>> byJob = new TreeMap<>();
            settled.forEach(item -> byJob.computeIfAbsent(item.key().jobId(), job -> new ArrayList<>()).add(item));
            byJob.forEach((jobId, recalled) -> {
                marks.recalledByJob(recalled.stream().filter(item -> !item.isGroup()).map(ClaimedItem::messageId)
                        .toList(), jobId, now);
                marks.groupRecalledByJob(recalled.stream().filter(ClaimedItem::isGroup).map(ClaimedItem::messageId)
                        .toList(), jobId, now);
            });
        }
    }
}
