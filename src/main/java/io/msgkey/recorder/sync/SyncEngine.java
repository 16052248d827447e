package io.msgkey.recorder.sync;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import org.jboss.logging.Logger;

import io.msgkey.recorder.tencent.ContactCursor;
import io.msgkey.recorder.tencent.ContactPage;
import io.msgkey.recorder.tencent.RoamCursor;
import io.msgkey.recorder.tencent.RoamPage;
import io.msgkey.recorder.tencent.TencentAdminClient;
import io.msgkey.recorder.tencent.TencentFailure;

/**
 * One instance's share of the sync work. A claimer leases conversation lists still to be read and pending
 * conversations of running jobs (an equal share per job, interleaved) into a local queue; lanes on virtual threads
 * take one at a time and page through it, each page paced by the shared rate limiter and recorded with its cursor
 * before the next is asked for. A conversation's pages follow each other, so the rate limit is kept busy by many
 * conversations at once. Only leases of work this engine really holds are renewed.
 */
final class SyncEngine {

    private static final Logger LOG = Logger.getLogger(SyncEngine.class);
    private static final long STOP_GRACE_MILLIS = TimeUnit.MINUTES.toMillis(1);

    private final String owner;
    private final SyncJobRepository jobs;
    private final SyncLedger ledger;
    private final SyncJobService service;
    private final TencentAdminClient tencent;
    private final int concurrency;
    private final Duration lease;
    private final Duration pollInterval;
    private final BlockingQueue<SyncWork> queue = new LinkedBlockingQueue<>();
    private final Set<Long> heldConversations = ConcurrentHashMap.newKeySet();
    private final Set<Long> heldListings = ConcurrentHashMap.newKeySet();
    private final List<Thread> threads = new ArrayList<>();
    /** Lanes wake the claimer when new work may be there: a conversation list page added peers, a lane fell idle. */
    private final Semaphore claimNow = new Semaphore(0);
    private final ExecutorService recorders = Executors.newVirtualThreadPerTaskExecutor();
    private volatile boolean running;
    private volatile boolean abandoned;

    SyncEngine(String owner, SyncJobRepository jobs, SyncLedger ledger, SyncJobService service,
            TencentAdminClient tencent, SyncConfig.Worker config) {
        this.owner = owner;
        this.jobs = jobs;
        this.ledger = ledger;
        this.service = service;
        this.tencent = tencent;
        this.concurrency = config.concurrency();
        this.lease = config.lease();
        this.pollInterval = config.pollInterval();
    }

    synchronized void start() {
        running = true;
        threads.add(Thread.ofVirtual().name("sync-claimer").start(this::claimLoop));
        for (int i = 0; i < concurrency; i++) {
            threads.add(Thread.ofVirtual().name("sync-lane-" + i).start(this::laneLoop));
        }
        LOG.infof("sync worker %s started with %d lanes", owner, concurrency);
    }

    /**
     * Lets each lane record the page it is fetching, then hands back all work held: a restart goes on from the last
     * recorded page. Lanes still busy after a minute are abandoned; their pages are fetched again by whoever takes
     * their conversations.
     */
    synchronized void stop() throws InterruptedException {
        running = false;
        long deadline = System.currentTimeMillis() + STOP_GRACE_MILLIS;
        for (Thread thread : threads) {
            thread.join(Math.max(1, deadline - System.currentTimeMillis()));
        }
        if (threads.stream().anyMatch(Thread::isAlive)) {
            LOG.warnf("sync worker %s: fetches still running after a minute are abandoned", owner);
            abandon();
        }
        threads.clear();
        queue.clear();
        recorders.close();
        int released = jobs.releaseAll(owner);
        heldConversations.clear();
        heldListings.clear();
        LOG.infof("sync worker %s stopped; %d conversations and lists handed back", owner, released);
    }

    /** Stops dead, as a crash does: nothing more is recorded, and the leases are left to run out. */
    synchronized void abandon() throws InterruptedException {
        abandoned = true;
        running = false;
        threads.forEach(Thread::interrupt);
        for (Thread thread : threads) {
            thread.join(TimeUnit.SECONDS.toMillis(10));
        }
        threads.clear();
        queue.clear();
        recorders.shutdownNow();
        heldConversations.clear();
        heldListings.clear();
    }

    private void claimLoop() {
        long renewEvery = lease.toNanos() / 3;
        long lastRenewal = System.nanoTime();
        while (running) {
            try {
                if (System.nanoTime() - lastRenewal > renewEvery) {
                    jobs.renewLeases(owner, heldConversations, heldListings, lease);
                    lastRenewal = System.nanoTime();
                }
                if (queue.size() >= concurrency || !claim()) {
                    claimNow.tryAcquire(queue.isEmpty() ? pollInterval.toMillis() : 20, TimeUnit.MILLISECONDS);
                    claimNow.drainPermits();
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                LOG.warnf("sync worker %s could not look for work: %s", owner, e.toString());
                sleepQuietly(pollInterval);
            }
        }
    }

    /**
     * Takes the conversation lists to read and an equal share of each running job's pending conversations; false
     * when there was nothing to take. A job that gave nothing may be finished, so that is checked then.
     */
    private boolean claim() {
        int wanted = concurrency * 2 - queue.size();
        List<SyncWork.Listing> listings = jobs.claimListings(owner, Math.max(1, wanted / 4), lease);
        listings.forEach(listing -> heldListings.add(listing.jobId()));
        queue.addAll(listings);
        List<Long> running = jobs.runningJobIds();
        if (running.isEmpty()) {
            return !listings.isEmpty();
        }
        int share = Math.max(1, (wanted + running.size() - 1) / running.size());
        List<Iterator<SyncWork.Conversation>> perJob = new ArrayList<>();
        boolean any = !listings.isEmpty();
        boolean someJobDry = false;
        for (long jobId : running) {
            List<SyncWork.Conversation> claimed = jobs.claimConversations(jobId, owner, share, lease);
            claimed.forEach(conversation -> heldConversations.add(conversation.id()));
            any |= !claimed.isEmpty();
            someJobDry |= claimed.isEmpty();
            perJob.add(claimed.iterator());
        }
        if (someJobDry) {
            service.finishJobs();
        }
        boolean added = true;
        while (added) {
            added = false;
            for (Iterator<SyncWork.Conversation> conversations : perJob) {
                if (conversations.hasNext()) {
                    queue.add(conversations.next());
                    added = true;
                }
            }
        }
        return any;
    }

    private void laneLoop() {
        while (running) {
            SyncWork work = null;
            try {
                work = queue.poll(100, TimeUnit.MILLISECONDS);
                if (work instanceof SyncWork.Conversation conversation) {
                    fetch(conversation);
                } else if (work instanceof SyncWork.Listing listing) {
                    list(listing);
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                LOG.warnf("sync worker %s: work on job %d stopped and is left to its lease: %s", owner,
                        work == null ? -1 : work.jobId(), e.toString());
            } finally {
                if (work != null) {
                    forget(work);
                    claimNow.release();
                }
            }
        }
    }

    /**
     * Pages through one conversation from its cursor. The next page is asked for as soon as a page arrives, while that
     * page is being recorded (its cursor is all the next request needs), so that a lane's pace is Tencent's latency
     * rather than latency plus a database write; pages are still recorded one after the other, in order, and nothing
     * after a page that could not be recorded.
     */
    private void fetch(SyncWork.Conversation conversation) {
        RoamCursor cursor = conversation.startCursor();
        CompletableFuture<Boolean> recorded = CompletableFuture.completedFuture(true);
        while (running) {
            RoamPage page;
            try {
                page = tencent.roamPage(conversation.user(), conversation.peer(), conversation.minTime(), cursor);
            } catch (TencentFailure failure) {
                if (recorded.join() && !abandoned
                        && ledger.conversationFailed(conversation, failure, owner) == SyncVerdict.PAUSE_JOB) {
                    pause(conversation.jobId(), failure);
                }
                return;
            }
            if (abandoned || !recorded.join()) {
                return;
            }
            RoamCursor from = cursor;
            recorded = CompletableFuture.supplyAsync(() -> record(conversation, from, page), recorders);
            if (page.complete()) {
                break;
            }
            cursor = page.next();
        }
        recorded.join();
    }

    /** False when the page was not recorded: the conversation was paused or cancelled meanwhile, or taken over. */
    private boolean record(SyncWork.Conversation conversation, RoamCursor from, RoamPage page) {
        if (abandoned) {
            return false;
        }
        if (ledger.recordPage(conversation, from, page, owner)) {
            return true;
        }
        // a resumed job must find the conversation free at once
        jobs.release(conversation.id(), owner);
        return false;
    }

    /** Pages through one job's conversation list at Tencent, adding its peers as conversations page by page. */
    private void list(SyncWork.Listing listing) {
        ContactCursor cursor = listing.cursor();
        while (running) {
            ContactPage page;
            try {
                page = tencent.contactPage(listing.user(), cursor);
            } catch (TencentFailure failure) {
                if (!abandoned && ledger.listingFailed(listing, failure, owner) == SyncVerdict.PAUSE_JOB) {
                    pause(listing.jobId(), failure);
                }
                return;
            }
            if (abandoned) {
                return;
            }
            if (!ledger.recordListPage(listing, page, owner)) {
                jobs.releaseListing(listing.jobId(), owner);
                return;
            }
            claimNow.release();
            if (page.complete()) {
                return;
            }
            cursor = page.next();
        }
    }

    private void forget(SyncWork work) {
        if (work instanceof SyncWork.Conversation conversation) {
            heldConversations.remove(conversation.id());
        } else if (work instanceof SyncWork.Listing listing) {
            heldListings.remove(listing.jobId());
        }
    }

    /** Not pausing leaves the job running, its work failing again until an operator acts: logged, not fatal. */
    private void pause(long jobId, TencentFailure failure) {
        try {
            service.pause(jobId, SyncLedger.describe(failure));
        } catch (RuntimeException e) {
            LOG.warnf("sync worker %s could not pause job %d: %s", owner, jobId, e.toString());
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
