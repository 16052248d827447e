package io.msgkey.recorder.recall;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.jboss.logging.Logger;

import io.msgkey.recorder.tencent.GroupRecallOutcome;
import io.msgkey.recorder.tencent.GroupRecalls;
import io.msgkey.recorder.tencent.TencentAdminClient;
import io.msgkey.recorder.tencent.WithdrawOutcome;
import io.smallrye.faulttolerance.api.Guard;

/**
 * One instance's share of the recall work. A claimer leases pending items of running jobs (an equal share per job,
 * interleaved, so concurrent jobs split the rate evenly) into a local queue of calls; lanes on virtual threads take
 * one call at a time (a one-to-one item alone, or up to ten group items of one group and topic) and call Tencent,
 * paced by the shared rate limiter of the call's API. There are enough lanes to keep the limit busy while
 * Tencent takes its time to answer. Only the leases of items this engine really holds are renewed, so an item it lost
 * track of is soon free for anyone to take.
 */
final class RecallEngine {

    private static final Logger LOG = Logger.getLogger(RecallEngine.class);
    private static final long STOP_GRACE_MILLIS = TimeUnit.MINUTES.toMillis(1);

    private final String owner;
    private final RecallItemRepository items;
    private final RecallLedger ledger;
    private final RecallJobService jobs;
    private final TencentAdminClient tencent;
    private final int concurrency;
    private final Duration lease;
    private final Duration pollInterval;
    private final GroupRecalls groupRecalls;
    private final BlockingQueue<RecallCall> queue = new LinkedBlockingQueue<>();
    private final Set<ItemKey> held = ConcurrentHashMap.newKeySet();
    /** Calls Tencent answered whose outcome the database did not take yet: recorded again until it does. */
    private final Queue<Unrecorded> unrecorded = new ConcurrentLinkedQueue<>();
    private final List<Thread> threads = new ArrayList<>();
    private final Guard bookkeeping;
    private final OutageGuard outages;
    private volatile boolean running;
    private Thread prober;
    private volatile boolean abandoned;

    RecallEngine(String owner, RecallItemRepository items, RecallLedger ledger, RecallJobService jobs,
            TencentAdminClient tencent, GroupRecalls groupRecalls, RecallConfig.Worker config, OutageGuard outages) {
        this.owner = owner;
        this.items = items;
        this.ledger = ledger;
        this.jobs = jobs;
        this.tencent = tencent;
        this.groupRecalls = groupRecalls;
        this.concurrency = config.concurrency();
        this.lease = config.lease();
        this.pollInterval = config.pollInterval();
        this.outages = outages;
        // A recall that went through must be recorded even if the database hiccups meanwhile.
        this.bookkeeping = Guard.create().withDescription("recall bookkeeping").withRetry().maxRetries(20)
                .delay(250, ChronoUnit.MILLIS).maxDuration(2, ChronoUnit.MINUTES).withExponentialBackoff()
                .maxDelay(10, ChronoUnit.SECONDS).done().done().build();
    }

    synchronized void start() {
        running = true;
        threads.add(Thread.ofVirtual().name("recall-claimer").start(this::claimLoop));
        prober = Thread.ofVirtual().name("recall-outage-prober").start(outages::probeLoop);
        for (int i = 0; i < concurrency; i++) {
            threads.add(Thread.ofVirtual().name("recall-lane-" + i).start(this::laneLoop));
        }
        LOG.infof("recall worker %s started with %d lanes", owner, concurrency);
    }

    /**
     * Lets calls in flight finish and be recorded, then hands back the items not started. Lanes still busy after a
     * minute (Tencent asked for a long pause, say) are abandoned: their items are sent again by whoever takes them.
     */
    synchronized void stop() throws InterruptedException {
        running = false;
        stopProber();
        long deadline = System.currentTimeMillis() + STOP_GRACE_MILLIS;
        for (Thread thread : threads) {
            thread.join(Math.max(1, deadline - System.currentTimeMillis()));
        }
        if (threads.stream().anyMatch(Thread::isAlive)) {
            LOG.warnf("recall worker %s: calls still running after a minute are abandoned", owner);
            abandon();
        }
        threads.clear();
        queue.clear();
        try {
            recordLeftovers();
        } catch (RuntimeException e) {
            LOG.errorf("recall worker %s stops with %d answered calls unrecorded; their items will be sent again "
                    + "(Tencent answers 20023 for those that went through): %s", owner, unrecorded.size(), e);
        }
        int released = items.releaseUnstarted(owner);
        LOG.infof("recall worker %s stopped; %d items handed back", owner, released);
    }

    /** Stops dead, as a crash does: nothing more is recorded, and the leases are left to run out. */
    synchronized void abandon() throws InterruptedException {
        abandoned = true;
        running = false;
        stopProber();
        threads.forEach(Thread::interrupt);
        for (Thread thread : threads) {
            thread.join(TimeUnit.SECONDS.toMillis(10));
        }
        threads.clear();
        queue.clear();
        held.clear();
    }

    private void stopProber() throws InterruptedException {
        if (prober != null) {
            prober.interrupt();
            prober.join(TimeUnit.SECONDS.toMillis(10));
            prober = null;
        }
    }

    private void claimLoop() {
        long renewEvery = lease.toNanos() / 3;
        long lastRenewal = System.nanoTime();
        while (running) {
            try {
                // Renewed first and on its own: leases run out if an unrecordable outcome keeps failing below.
                if (System.nanoTime() - lastRenewal > renewEvery) {
                    items.renewLeases(owner, held, lease);
                    lastRenewal = System.nanoTime();
                    ledger.settleOrphansOfCancelledJobs();
                }
                recordLeftovers();
                if (queue.size() >= concurrency || !claim()) {
                    Thread.sleep(queue.isEmpty() ? pollInterval.toMillis() : 20);
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                LOG.warnf("recall worker %s could not look for work: %s", owner, e.toString());
                sleepQuietly(pollInterval);
            }
        }
    }

    /**
     * Takes an equal share of each running job's pending items, of each kind (each has its own rate limit): one-to-one
     * items one per call, group items ten per call; false when there was nothing to take. A job that gave nothing may
     * be finished, so completion is checked then.
     */
    private boolean claim() {
        List<Long> running = jobs.runningJobIds();
        if (running.isEmpty()) {
            return false;
        }
        int wanted = concurrency * 2 - queue.size();
        int share = Math.max(1, (wanted + running.size() - 1) / running.size());
        List<Iterator<RecallCall>> perJob = new ArrayList<>();
        boolean any = false;
        boolean someJobDry = false;
        for (long jobId : running) {
            List<ClaimedItem> oneToOne = items.claim(jobId, owner, share, lease);
            List<ClaimedItem> group = items.claimGroup(jobId, owner, share * RecallCall.GROUP_CALL_SIZE, lease);
            oneToOne.forEach(item -> held.add(item.key()));
            group.forEach(item -> held.add(item.key()));
            boolean dry = oneToOne.isEmpty() && group.isEmpty();
            any |= !dry;
            someJobDry |= dry;
            List<RecallCall> calls = new ArrayList<>(RecallCall.packed(group));
            oneToOne.forEach(item -> calls.add(RecallCall.of(item)));
            perJob.add(calls.iterator());
        }
        if (someJobDry) {
            jobs.completeFinishedJobs();
        }
        boolean added = true;
        while (added) {
            added = false;
            for (Iterator<RecallCall> calls : perJob) {
                if (calls.hasNext()) {
                    queue.add(calls.next());
                    added = true;
                }
            }
        }
        return any;
    }

    private void laneLoop() {
        while (running) {
            RecallCall call = null;
            try {
                call = queue.poll(100, TimeUnit.MILLISECONDS);
                if (call != null && call.isGroup()) {
                    processGroup(call);
                } else if (call != null) {
                    process(call.items().get(0));
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                LOG.warnf("recall worker %s: an item could not be started and stays pending: %s", owner,
                        e.toString());
                if (call != null) {
                    call.items().forEach(item -> held.remove(item.key()));
                }
            }
        }
    }

    private void process(ClaimedItem item) {
        if (ledger.begin(item, owner, lease) != RecallLedger.Start.CALL) {
            held.remove(item.key());
            return;
        }
        long startedAt = System.nanoTime();
        WithdrawOutcome outcome = outages.judge(tencent.withdraw(item.message().from(), item.message().to(),
                item.message().msgKey()), startedAt);
        if (abandoned) {
            return;
        }
        try {
            bookkeeping.get(() -> {
                ledger.finish(item, outcome, owner);
                return null;
            }, Void.class);
            held.remove(item.key());
        } catch (RuntimeException e) {
            LOG.warnf("recall worker %s could not record item %d (%s) yet; will keep trying: %s", owner, item.key().id(),
                    outcome.result(), e.toString());
            unrecorded.add(new Unrecorded(List.of(item), outcome, null));
        }
        if (outcome.result() == WithdrawOutcome.Result.CONFIG_ERROR) {
            pause(item.key().jobId(), outcome);
        }
    }

    /**
     * One group_msg_recall for the items of a call that are still to be sent: marked in flight together, recorded
     * together, each with its MsgSeq's outcome (or the call's, when it failed as a whole).
     */
    private void processGroup(RecallCall call) {
        List<ClaimedItem> send = ledger.beginGroupCall(call.items(), owner, lease);
        call.items().stream().filter(item -> !send.contains(item)).forEach(item -> held.remove(item.key()));
        if (send.isEmpty()) {
            return;
        }
        ClaimedItem.GroupMessageSeq chat = send.get(0).group();
        long startedAt = System.nanoTime();
        GroupRecallOutcome answer = groupRecalls.recall(chat.groupId(), chat.topicId(),
                send.stream().map(item -> item.group().msgSeq()).toList(), chat.reason());
        WithdrawOutcome judged = outages.judge(answer.call(), startedAt);
        GroupRecallOutcome outcome = judged == answer.call() ? answer : new GroupRecallOutcome(judged, Map.of());
        if (abandoned) {
            return;
        }
        try {
            bookkeeping.get(() -> {
                ledger.finishGroupCall(send, outcome, owner);
                return null;
            }, Void.class);
            send.forEach(item -> held.remove(item.key()));
        } catch (RuntimeException e) {
            LOG.warnf("recall worker %s could not record a group call of %d items yet; will keep trying: %s", owner,
                    send.size(), e.toString());
            unrecorded.add(new Unrecorded(send, null, outcome));
        }
        send.stream().map(item -> outcome.of(item.group().msgSeq()))
                .filter(each -> each.result() == WithdrawOutcome.Result.CONFIG_ERROR).findFirst()
                .ifPresent(each -> pause(call.jobId(), each));
    }

    /** Not pausing leaves the job running, its items going back each time until an operator acts: logged, not fatal. */
    private void pause(long jobId, WithdrawOutcome outcome) {
        String code = outcome.errorCode() == null ? "" : " " + outcome.errorCode();
        try {
            jobs.pause(jobId, "Tencent error" + code + ": " + outcome.errorInfo());
        } catch (RuntimeException e) {
            LOG.warnf("recall worker %s could not pause job %d: %s", owner, jobId, e.toString());
        }
    }

    private void recordLeftovers() {
        Unrecorded left;
        while ((left = unrecorded.peek()) != null) {
            if (left.groupOutcome() != null) {
                ledger.finishGroupCall(left.items(), left.groupOutcome(), owner);
            } else {
                ledger.finish(left.items().get(0), left.outcome(), owner);
            }
            unrecorded.remove();
            left.items().forEach(item -> held.remove(item.key()));
        }
    }

    /** A one-to-one item with its outcome, or a group call's items with theirs. */
    private record Unrecorded(List<ClaimedItem> items, WithdrawOutcome outcome, GroupRecallOutcome groupOutcome) {
    }

    private static void sleepQuietly(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
