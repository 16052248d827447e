package io.msgkey.recorder.recall;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import org.jboss.logging.Logger;

import io.msgkey.recorder.tencent.GroupRecallOutcome;
import io.msgkey.recorder.tencent.GroupRecalls;
import io.msgkey.recorder.tencent.TencentAdminClient;
import io.msgkey.recorder.tencent.WithdrawOutcome;

/**
 * One instance's share of the recall work. A claimer leases pending items of running jobs (an equal share per job,
 * interleaved, so concurrent jobs split the rate evenly) into a local queue of calls; lanes on virtual threads take
 * one call at a time (a one-to-one item alone, or up to ten group items of one group and topic) and call Tencent,
 * paced by the shared rate limiter of the call's API. There are enough lanes to keep the limit busy while
 * Tencent takes its time to answer. The bookkeeping around each call is shared by the lanes: one thread marks the
 * calls about to be sent in flight ({@link InFlightMarker}), one records the answered ones ({@link OutcomeWriter}), many
 * calls to a transaction, so that the database's commits do not bound the rate. Only the leases of items this engine really
 * holds are renewed, so an item it lost
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
    private final Semaphore wake = new Semaphore(0);
    private final InFlightMarker marker;
    private final OutcomeWriter writer;
    private final List<Thread> threads = new ArrayList<>();
    private final OutageGuard outages;
    private volatile boolean running;
    private Thread prober;
    private Thread markerThread;
    private Thread writerThread;
    /** Dead, as after a crash: nothing more is recorded. */
    private volatile boolean abandoned;
    /** Lanes still calling after the stop's grace: their answers are dropped, those already handed over recorded. */
    private volatile boolean lanesCutOff;

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
        this.marker = new InFlightMarker(ledger, owner, lease);
        this.writer = new OutcomeWriter(ledger, owner, () -> !abandoned,
                recorded -> {
                    recorded.forEach(item -> held.remove(item.key()));
                    if (held.isEmpty()) {
                        wake();
                    }
                });
    }

    synchronized void start() {
        running = true;
        markerThread = Thread.ofVirtual().name("recall-in-flight-marker").start(marker::loop);
        writerThread = Thread.ofVirtual().name("recall-outcome-writer").start(writer::loop);
        threads.add(Thread.ofVirtual().name("recall-claimer").start(this::claimLoop));
        prober = Thread.ofVirtual().name("recall-outage-prober").start(outages::probeLoop);
        for (int i = 0; i < concurrency; i++) {
            threads.add(Thread.ofVirtual().name("recall-lane-" + i).start(this::laneLoop));
        }
        LOG.infof("recall worker %s started with %d lanes", owner, concurrency);
    }

    /**
     * Lets calls in flight finish and be recorded, then hands back the items not started. Lanes still busy after a
     * minute (Tencent asked for a long pause, say) are cut off: their items are sent again by whoever takes them.
     */
    synchronized void stop() throws InterruptedException {
        running = false;
        wake();
        stopProber();
        long deadline = System.currentTimeMillis() + STOP_GRACE_MILLIS;
        for (Thread thread : threads) {
            thread.join(Math.max(1, deadline - System.currentTimeMillis()));
        }
        if (threads.stream().anyMatch(Thread::isAlive)) {
            LOG.warnf("recall worker %s: calls still running after a minute are abandoned", owner);
            lanesCutOff = true;
            threads.forEach(Thread::interrupt);
            for (Thread thread : threads) {
                thread.join(TimeUnit.SECONDS.toMillis(10));
            }
        }
        threads.clear();
        queue.clear();
        if (markerThread != null) {
            marker.stop();
            markerThread.join();
            writer.stop();
            writerThread.join();
        }
        int released = items.releaseUnstarted(owner);
        LOG.infof("recall worker %s stopped; %d items handed back", owner, released);
    }

    /**
     * Stops dead, as a crash does: nothing more is recorded, and the leases are left to run out. The marker and the
     * writer are not interrupted (that would close their connection mid-statement): they end the transaction they are
     * in, the writer's rolling back, and stop.
     */
    synchronized void abandon() throws InterruptedException {
        abandoned = true;
        running = false;
        stopProber();
        threads.forEach(Thread::interrupt);
        if (markerThread != null) {
            marker.stop();
            threads.add(markerThread);
            threads.add(writerThread);
        }
        for (Thread thread : threads) {
            thread.join(TimeUnit.SECONDS.toMillis(10));
        }
        threads.clear();
        queue.clear();
        held.clear();
    }

    /**
     * Looks for work now rather than at the next poll: a job was started here, or the last outcome held was recorded
     * (its job may be complete).
     */
    void wake() {
        wake.release();
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
                if (queue.size() >= concurrency || !claim()) {
                    if (queue.isEmpty()) {
                        long untilRenewal = renewEvery - (System.nanoTime() - lastRenewal);
                        wake.tryAcquire(Math.max(0, Math.min(pollInterval.toNanos(), untilRenewal)),
                                TimeUnit.NANOSECONDS);
                        wake.drainPermits();
                    } else {
                        Thread.sleep(20);
                    }
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
                if (call != null) {
                    send(call);
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

    /**
     * Sends the call's items that are still to be sent, once marked in flight, and hands Tencent's answer to the
     * writer: an admin_msgwithdraw for a one-to-one item, a group_msg_recall for group items, each of which then takes
     * its MsgSeq's outcome (or the call's, when it failed as a whole).
     */
    private void send(RecallCall call) throws InterruptedException {
        List<ClaimedItem> send = marker.begin(call);
        call.items().stream().filter(item -> !send.contains(item)).forEach(item -> held.remove(item.key()));
        if (send.isEmpty()) {
            return;
        }
        long startedAt = System.nanoTime();
        AnsweredCall answered;
        if (call.isGroup()) {
            ClaimedItem.GroupMessageSeq chat = send.get(0).group();
            GroupRecallOutcome answer = groupRecalls.recall(chat.groupId(), chat.topicId(),
                    send.stream().map(item -> item.group().msgSeq()).toList(), chat.reason());
            WithdrawOutcome judged = outages.judge(answer.call(), startedAt);
            answered = AnsweredCall.group(send,
                    judged == answer.call() ? answer : new GroupRecallOutcome(judged, Map.of()));
        } else {
            ClaimedItem.OneToOneMessage message = send.get(0).message();
            answered = AnsweredCall.oneToOne(send.get(0), outages.judge(tencent.withdraw(message.from(), message.to(),
                    message.msgKey()), startedAt));
        }
        if (abandoned || lanesCutOff) {
            return;
        }
        writer.add(answered);
        send.stream().map(answered::answerFor).filter(each -> each.result() == WithdrawOutcome.Result.CONFIG_ERROR)
                .findFirst().ifPresent(each -> pause(call.jobId(), each));
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

    private static void sleepQuietly(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
