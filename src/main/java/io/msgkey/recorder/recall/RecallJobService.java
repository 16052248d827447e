package io.msgkey.recorder.recall;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.transaction.Transactional;

import org.jboss.logging.Logger;

import io.msgkey.recorder.audit.AuditAction;
import io.msgkey.recorder.audit.AuditLog;
import io.msgkey.recorder.common.ApiException;
import io.msgkey.recorder.common.ForeignText;
import io.msgkey.recorder.common.TextParameter;
import io.msgkey.recorder.message.GroupMessageQuery;
import io.msgkey.recorder.message.MessageFilter;
import io.msgkey.recorder.message.MessageQuery;
import io.msgkey.recorder.message.MessageState;
import io.msgkey.recorder.tencent.TencentConfig;

/**
 * The life of a recall job: creation freezes the selection, confirmation starts it (four-eyes above a threshold),
 * cancellation skips what was not attempted, a configuration error pauses it. Each change is decided under a lock on
 * the job row and written to the audit log in the same transaction.
 */
@ApplicationScoped
public class RecallJobService {

    private static final Logger LOG = Logger.getLogger(RecallJobService.class);
    private static final int SAMPLE_SIZE = 20;
    private static final int MAX_NOTE = 2000;
    private static final int MAX_REFERENCE = 200;

    private final RecallItemRepository items;
    private final AuditLog audit;
    private final Clock clock;
    private final RecallJobQueries queries;
    private final RecallFreezing freezing;
    private final FourEyes fourEyes;
    private final long sdkAppId;
    private final Event<RecallJobRunning> running;

    RecallJobService(RecallItemRepository items, AuditLog audit, Clock clock, RecallJobQueries queries, RecallFreezing freezing,
            FourEyes fourEyes, TencentConfig tencent, Event<RecallJobRunning> running) {
        this.items = items;
        this.audit = audit;
        this.clock = clock;
        this.queries = queries;
        this.freezing = freezing;
        this.fourEyes = fourEyes;
        this.sdkAppId = tencent.sdkAppId();
        this.running = running;
    }

    @Transactional
    public RecallJobView create(RecallJobRequest request, String actor) {
        if (request == null || request.filter() == null) {
            throw ApiException.badParameter("filter", "a filter (as for search) and a reason are required");
        }
        MessageFilter filter = request.filter().toFilter();
        if (filter.state() != MessageState.ACTIVE) {
            throw ApiException.badParameter("filter.state", "a recall job takes active messages only; leave state out");
        }
        RecallReason reason = RecallReason.parse(request.reason());
        String note = text("note", request.note(), MAX_NOTE);
        if (reason == RecallReason.OTHER && note == null) {
            throw ApiException.badParameter("note", "reason other needs a note saying why");
        }
        if (MessageQuery.recallable(sdkAppId, filter).matchesNothing()
                && GroupMessageQuery.recallable(sdkAppId, filter).matchesNothing()) {
            throw nothingToRecall();
        }
        RecallJob job = new RecallJob();
        job.state = RecallJobState.FREEZING;
        job.filter = filter;
        job.reason = reason.wireName();
        job.note = note;
        job.reference = text("reference", request.reference(), MAX_REFERENCE);
        job.createdBy = actor;
        job.createdAt = clock.instant();
        job.persist();
        freezing.begin(job);
        boolean confirm = Boolean.TRUE.equals(request.confirm());
        if (job.state == RecallJobState.FREEZING) {
            if (confirm || request.expectedTotal() != null) {
                throw ApiException.conflict("the filter matches more than " + job.total + " messages, which are "
                        + "frozen in the background: \"confirm\" and \"expectedTotal\" cannot be applied at creation. "
                        + "Create the job without them and confirm it once frozen; no job was created");
            }
        } else {
            checkFrozen(job, request.expectedTotal(), confirm, actor);
        }
        audit.append(actor, AuditAction.JOB_CREATED, entry -> {
            entry.jobId = job.id;
            entry.filter = audit.json(filter);
            entry.resultCount = job.state == RecallJobState.FREEZING ? null : (long) job.total;
            entry.reason = job.reason;
            entry.detail = describe(job);
        });
        if (confirm) {
            start(job, actor);
        }
        return queries.view(job, items.page(job.id, null, null, SAMPLE_SIZE).stream().map(RecallItemView::of).toList());
    }

    private void checkFrozen(RecallJob job, Long expectedTotal, boolean confirm, String actor) {
        if (job.total == 0) {
            throw nothingToRecall();
        }
        if (expectedTotal != null && expectedTotal != job.total) {
            throw ApiException.conflict("the filter now matches " + job.total + " messages to recall, not "
                    + expectedTotal + "; no job was created");
        }
        if (confirm && fourEyes.required(job, actor)) {
            throw ApiException.conflict(fourEyes.refusal(job, actor) + ". Create it without \"confirm\": true and ask "
                    + "another moderator; no job was created");
        }
    }

    @Transactional
    public RecallJobView confirm(long id, Long expectedTotal, String actor) {
        RecallJob job = lock(id);
        if (job.state == RecallJobState.FREEZING) {
            throw ApiException.conflict("job " + id + " is still freezing its selection (" + job.total
                    + " messages so far); confirm it once it awaits confirmation");
        }
        if (expectedTotal != null && expectedTotal != job.total) {
            throw ApiException.conflict("job " + id + " recalls " + job.total + " messages, not " + expectedTotal);
        }
        switch (job.state) {
            case AWAITING_CONFIRMATION -> start(job, actor);
            case PAUSED -> {
                run(job);
                String pausedFor = job.pauseReason;
                job.pauseReason = null;
                audit.append(actor, AuditAction.JOB_RESUMED, entry -> {
                    entry.jobId = job.id;
                    entry.reason = job.reason;
                    entry.detail = "paused for: " + pausedFor;
                });
            }
            default -> throw ApiException.conflict("job " + id + " is " + job.state + "; only a job awaiting "
                    + "confirmation or paused can be confirmed");
        }
        return queries.view(job, null);
    }

    @Transactional
    public RecallJobView cancel(long id, String actor) {
        RecallJob job = lock(id);
        if (job.state.isFinal()) {
            throw ApiException.conflict("job " + id + " is already " + job.state);
        }
        Instant now = clock.instant();
        job.state = RecallJobState.CANCELLED;
        job.freezeOwner = null;
        job.cancelledBy = actor;
        job.cancelledAt = now;
        int skipped = items.settleUnstarted(id, ItemOutcome.SKIPPED, now);
        audit.append(actor, AuditAction.JOB_CANCELLED, entry -> {
            entry.jobId = job.id;
            entry.reason = job.reason;
            entry.resultCount = (long) skipped;
            entry.detail = skipped + " messages not yet attempted were skipped";
        });
        return queries.view(job, null);
    }

    /**
     * Tencent refused our credentials or configuration: nothing more can succeed until an operator acts. Called by the
     * recall engine, which has no one to answer to: a job that is gone is logged, not refused.
     */
    @Transactional
    void pause(long id, String why) {
        RecallJob job = RecallJob.findForUpdate(id).orElse(null);
        if (job == null) {
            LOG.warnf("recall job %d, to be paused for \"%s\", no longer exists", id, why);
            return;
        }
        if (job.state != RecallJobState.RUNNING) {
            return;
        }
        job.state = RecallJobState.PAUSED;
        job.pausedAt = clock.instant();
        job.pauseReason = ForeignText.storable(why);
        audit.append(AuditLog.SYSTEM, AuditAction.JOB_PAUSED, entry -> {
            entry.jobId = job.id;
            entry.reason = job.reason;
            entry.detail = job.pauseReason;
        });
    }

    /** Marks running jobs with nothing left to do as completed. */
    @Transactional
    void completeFinishedJobs() {
        for (long id : RecallJob.completeFinished(clock.instant())) {
            audit.append(AuditLog.SYSTEM, AuditAction.JOB_COMPLETED, entry -> entry.jobId = id);
        }
    }

    /**
     * Tencent answers again: jobs paused because it was unavailable run on where they stopped; returns how many. A job
     * paused for anything else (a configuration error) waits for a moderator.
     */
    @Transactional
    int resumeAfterOutage() {
        List<RecallJob> paused = RecallJob.pausedFor(OutageGuard.PAUSE_REASON);
        for (RecallJob job : paused) {
            String pausedFor = job.pauseReason;
            run(job);
            job.pauseReason = null;
            audit.append(AuditLog.SYSTEM, AuditAction.JOB_RESUMED, entry -> {
                entry.jobId = job.id;
                entry.reason = job.reason;
                entry.detail = "Tencent answers again; paused for: " + pausedFor;
            });
        }
        return paused.size();
    }

    /** Whether a job is paused because Tencent was unavailable: the engine then probes Tencent. */
    @Transactional
    boolean anyPausedForOutage() {
        return !RecallJob.pausedFor(OutageGuard.PAUSE_REASON).isEmpty();
    }

    /** The jobs the recall engine works on, oldest first. */
    @Transactional
    List<Long> runningJobIds() {
        return RecallJob.runningIds();
    }

    /** Puts a completed job's failed items back to pending and runs the job again. */
    @Transactional
    public RecallJobView retry(long id, String actor) {
        RecallJob job = lock(id);
        if (job.state != RecallJobState.COMPLETED) {
            throw ApiException.conflict("job " + id + " is " + job.state + "; only a completed job's failed items can "
                    + "be retried" + (job.state == RecallJobState.CANCELLED ? " (a cancelled job is not run again)" : ""));
        }
        int retried = items.retryFailed(id);
        if (retried == 0) {
            throw ApiException.conflict("job " + id + " has no FAILED items to retry");
        }
        run(job);
        job.completedAt = null;
        audit.append(actor, AuditAction.JOB_RETRIED, entry -> {
            entry.jobId = job.id;
            entry.reason = job.reason;
            entry.resultCount = (long) retried;
            entry.detail = retried + " failed items put back to be sent again";
        });
        return queries.view(job, null);
    }

    /** Checks the job exists and records that its items are being exported. */
    @Transactional
    public void auditItemsExport(long id, String outcome, String actor) {
        RecallJob.<RecallJob> findByIdOptional(id).orElseThrow(() -> RecallJobQueries.notFound(id));
        ItemOutcome only = ItemOutcome.parse(outcome).orElse(null);
        audit.append(actor, AuditAction.ITEMS_EXPORTED, entry -> {
            entry.jobId = id;
            entry.detail = only == null ? "all items as CSV" : only + " items as CSV";
        });
    }

    private void start(RecallJob job, String actor) {
        if (fourEyes.required(job, actor)) {
            throw ApiException.conflict(fourEyes.refusal(job, actor) + ": a moderator other than its creator ("
                    + job.createdBy + ") must confirm it");
        }
        run(job);
        job.confirmedBy = actor;
        job.confirmedAt = clock.instant();
        audit.append(actor, AuditAction.JOB_CONFIRMED, entry -> {
            entry.jobId = job.id;
            entry.reason = job.reason;
            entry.resultCount = (long) job.total;
        });
    }

    private static ApiException nothingToRecall() {
        return new ApiException(422, "no active message matches the filter: there is nothing to recall", "filter");
    }

    private RecallJob lock(long id) {
        return RecallJob.findForUpdate(id).orElseThrow(() -> RecallJobQueries.notFound(id));
    }

    private static String describe(RecallJob job) {
        StringBuilder detail = new StringBuilder();
        if (job.reference != null) {
            detail.append("reference: ").append(job.reference);
        }
        if (job.note != null) {
            detail.append(detail.isEmpty() ? "" : "; ").append("note: ").append(job.note);
        }
        return detail.isEmpty() ? null : detail.toString();
    }

    private static String text(String field, String value, int max) {
        value = TextParameter.optional(field, value);
        if (value == null) {
            return null;
        }
        if (value.length() > max) {
            throw ApiException.badParameter(field, field + " is longer than " + max + " characters");
        }
        return value.strip();
    }

    private void run(RecallJob job) {
        job.state = RecallJobState.RUNNING;
        running.fire(new RecallJobRunning(job.id));
    }
}
