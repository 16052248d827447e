package io.msgkey.recorder.sync;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.jboss.logging.Logger;

import io.msgkey.recorder.audit.AuditAction;
import io.msgkey.recorder.audit.AuditLog;
import io.msgkey.recorder.common.ApiException;
import io.msgkey.recorder.common.ForeignText;
import io.msgkey.recorder.common.InstantParameter;
import io.msgkey.recorder.ingest.IdentityText;
import io.msgkey.recorder.tencent.TencentConfig;

/**
 * The life of a sync job: creation finds its conversations (those it can without Tencent at once), cancellation skips
 * what is not fetched yet, a Tencent configuration error pauses it and resuming goes on where it stopped; it ends
 * COMPLETED, or FAILED when something could not be fetched to its end. Each change is decided under a lock on the job
 * row and written to the audit log in the same transaction.
 */
@ApplicationScoped
public class SyncJobService {

    private static final Logger LOG = Logger.getLogger(SyncJobService.class);
    /** A request naming more peers than this is refused: without peers the job finds them all itself. */
    static final int MAX_PEERS = 1000;

    private final SyncJobRepository jobs;
    private final SyncJobQueries queries;
    private final AuditLog audit;
    private final Clock clock;
    private final long sdkAppId;
    private final Duration roamingPeriod;

    SyncJobService(SyncJobRepository jobs, SyncJobQueries queries, AuditLog audit, Clock clock,
            TencentConfig tencent) {
        this.jobs = jobs;
        this.queries = queries;
        this.audit = audit;
        this.clock = clock;
        this.sdkAppId = tencent.sdkAppId();
        this.roamingPeriod = tencent.roamingPeriod();
    }

    @Transactional
    public SyncJobView create(SyncJobRequest request, String actor) {
        if (request == null) {
            throw ApiException.badParameter("user", "a body {\"user\": \"…\"} is required");
        }
        String user = account("user", request.user());
        List<String> peers = peers(request.peers());
        Instant now = clock.instant();
        Instant until = InstantParameter.parse("until", request.until());
        until = until == null ? now : until;
        Instant since = InstantParameter.parse("since", request.since());
        since = since == null ? until.minus(roamingPeriod) : since;
        if (!until.isAfter(since)) {
            throw ApiException.badParameter("until", "until must be later than since");
        }
        SyncJob job = jobs.create(user, peers, since, until, actor, now);
        int conversations = peers != null ? jobs.addConversations(job.id, peers, PeerSource.REQUEST)
                : jobs.addPeersOfTheRecord(job.id, sdkAppId, user);
        Map<String, Object> filter = new LinkedHashMap<>();
        filter.put("user", user);
        filter.put("peers", peers);
        filter.put("since", since);
        filter.put("until", until);
        audit.append(actor, AuditAction.SYNC_CREATED, entry -> {
            entry.jobId = job.id;
            entry.filter = audit.json(filter);
            entry.resultCount = (long) conversations;
            entry.detail = peers != null ? conversations + " conversations named"
                    : conversations + " conversations known to the record, and the user's list at Tencent";
        });
        return queries.view(job);
    }

    @Transactional
    public SyncJobView cancel(long id, String actor) {
        SyncJob job = lock(id);
        if (job.state.isFinal()) {
            throw ApiException.conflict("sync job " + id + " is already " + job.state);
        }
        int skipped = jobs.cancel(job, actor, clock.instant());
        audit.append(actor, AuditAction.SYNC_CANCELLED, entry -> {
            entry.jobId = job.id;
            entry.resultCount = (long) skipped;
            entry.detail = skipped + " conversations not fetched to their end were skipped";
        });
        return queries.view(job);
    }

    @Transactional
    public SyncJobView resume(long id, String actor) {
        SyncJob job = lock(id);
        if (job.state != SyncJobState.PAUSED) {
            throw ApiException.conflict("sync job " + id + " is " + job.state + "; only a paused job can be resumed");
        }
        String pausedFor = job.error;
        jobs.resume(job);
        audit.append(actor, AuditAction.SYNC_RESUMED, entry -> {
            entry.jobId = job.id;
            entry.detail = "paused for: " + pausedFor;
        });
        return queries.view(job);
    }

    /**
     * Tencent refused our credentials or configuration. Called by the engine, which has no one to answer to: a job
     * that is gone is logged, not refused.
     */
    @Transactional
    void pause(long id, String why) {
        SyncJob job = jobs.lock(id).orElse(null);
        if (job == null) {
            LOG.warnf("sync job %d, to be paused for \"%s\", no longer exists", id, why);
            return;
        }
        if (job.state != SyncJobState.RUNNING) {
            return;
        }
        jobs.pause(job, ForeignText.storable(why), clock.instant());
        audit.append(AuditLog.SYSTEM, AuditAction.SYNC_PAUSED, entry -> {
            entry.jobId = job.id;
            entry.detail = job.error;
        });
    }

    /** Ends the running jobs with nothing left to fetch: COMPLETED, or FAILED saying what could not be fetched. */
    @Transactional
    void finishJobs() {
        Instant now = clock.instant();
        for (Finishing finishing : jobs.finishing(jobs.lockListedRunningJobs())) {
            SyncJobState state = finishing.state();
            jobs.finish(finishing.jobId(), state, ForeignText.storable(finishing.error()), now);
            SyncProgress progress = jobs.progress(List.of(finishing.jobId())).get(finishing.jobId());
            audit.append(AuditLog.SYSTEM, state == SyncJobState.COMPLETED ? AuditAction.SYNC_COMPLETED
                    : AuditAction.SYNC_FAILED, entry -> {
                        entry.jobId = finishing.jobId();
                        entry.resultCount = progress.added();
                        entry.detail = String.format(
                                "%d conversations; %d messages seen, %d added, %d already known, %d recalled at Tencent",
                                progress.conversations(), progress.seen(), progress.added(), progress.alreadyKnown(),
                                progress.recalledAtTencent())
                                + (finishing.error() == null ? "" : "; " + finishing.error());
                    });
        }
    }

    private SyncJob lock(long id) {
        return jobs.lock(id).orElseThrow(() -> SyncJobQueries.notFound(id));
    }

    private static String account(String field, String value) {
        if (value == null) {
            throw ApiException.badParameter(field, field + " is required");
        }
        IdentityText.problem(value).ifPresent(problem -> {
            throw ApiException.badParameter(field, field + " " + problem);
        });
        return value;
    }

    /** The peers asked for, each once, in the order given; null when none were named. */
    private static List<String> peers(List<String> peers) {
        if (peers == null) {
            return null;
        }
        if (peers.isEmpty()) {
            throw ApiException.badParameter("peers", "peers, when given, must name at least one peer; leave it out "
                    + "to fetch every conversation of the user");
        }
        if (peers.size() > MAX_PEERS) {
            throw ApiException.badParameter("peers", "peers names " + peers.size() + " peers; at most " + MAX_PEERS
                    + " (leave it out to fetch every conversation of the user)");
        }
        Set<String> distinct = new LinkedHashSet<>();
        for (int i = 0; i < peers.size(); i++) {
            distinct.add(account("peers[" + i + "]", peers.get(i)));
        }
        return new ArrayList<>(distinct);
    }
}
