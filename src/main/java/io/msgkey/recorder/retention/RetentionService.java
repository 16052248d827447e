package io.msgkey.recorder.retention;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.transaction.Transactional;

import org.jboss.logging.Logger;

import io.agroal.api.AgroalDataSource;
import io.msgkey.recorder.audit.AuditAction;
import io.msgkey.recorder.audit.AuditEntry;
import io.msgkey.recorder.audit.AuditLog;
import io.msgkey.recorder.common.ApiException;
import io.quarkus.panache.common.Sort;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.scheduler.Scheduler;

/**
 * Retention runs: on a schedule (actor {@code system}) and on demand. Each run is audited with what it removed before
 * it answers; the detached days' files are dropped after. The audit trail itself is never removed by the service.
 */
@ApplicationScoped
public class RetentionService {

    static final String SCHEDULED_JOB = "retention";
    private static final Logger LOG = Logger.getLogger(RetentionService.class);

    private final RetentionRun runs;
    private final RetentionConfig config;
    private final AuditLog audit;
    private final Clock clock;
    private final Scheduler scheduler;
    private final BackgroundDrop drops;
    private final AgroalDataSource dataSource;

    RetentionService(RetentionRun runs, RetentionConfig config, AuditLog audit, Clock clock, Scheduler scheduler,
            BackgroundDrop drops, AgroalDataSource dataSource) {
        this.runs = runs;
        this.drops = drops;
        this.dataSource = dataSource;
        this.config = config;
        this.audit = audit;
        this.clock = clock;
        this.scheduler = scheduler;
    }

    void warnWhenOff(@Observes StartupEvent event) {
        if (!config.messages().enabled()) {
            LOG.warn("retention.messages is off: message records are kept for ever");
        }
        if (!config.recallJobs().enabled()) {
            LOG.warn("retention.recall-jobs is off: finished recall jobs and their items are kept for ever");
        }
    }

    @Scheduled(identity = SCHEDULED_JOB, every = "${retention.schedule}", delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        if (!enabled()) {
            return;
        }
        try {
            run(AuditLog.SYSTEM).ifPresentOrElse(report -> LOG.infof("retention removed %d day partitions with %d "
                    + "messages (%d kept for legal holds), %d recall jobs, %d items", report.partitions(),
                    report.messages(), report.keptForHold(), report.recallJobs(), report.recallItems()),
                    () -> LOG.debug("retention skipped: another instance is running it"));
        } catch (SQLException | RuntimeException e) {
            LOG.warnf("retention run failed; the next one tries again: %s", e.toString());
        }
    }

    /**
     * A run asked for through the API: 409 while retention is off or another run holds the lock. It first waits for
     * this instance's last drop: whoever asks right after a run answered means to run again, not to be refused for the
     * file system's work behind it (a drop on another instance is a run in progress there, 409).
     */
    public RetentionReport runNow(String actor) {
        if (!enabled()) {
            throw ApiException.conflict("retention is off (retention.messages and retention.recall-jobs are 0): "
                    + "nothing is removed");
        }
        drops.await();
        try {
            return run(actor).orElseThrow(() -> ApiException.conflict("a retention run, or the drop of the days "
                    + "it removed, is in progress (on this or another instance); try again once it has finished"));
        } catch (SQLException e) {
            LOG.warnf("retention run failed: %s", e.toString());
            throw new ApiException(503, "the database did not complete the retention run; what it removed stays "
                    + "removed, ask again", null);
        }
    }

    private boolean enabled() {
        return config.messages().enabled() || config.recallJobs().enabled();
    }

    private Optional<RetentionReport> run(String actor) throws SQLException {
        Instant now = clock.instant();
        Optional<Instant> messages = config.messages().cutoff(now);
        Optional<Instant> jobs = config.recallJobs().cutoff(now);
        return runs.run(messages, jobs, removed -> audited(actor, messages, jobs, removed));
    }

    /** The entry, and the mark on each day it reports, commit together: no day is reported twice, or never. */
    @Transactional
    void audited(String actor, Optional<Instant> messages, Optional<Instant> jobs, RetentionReport report) {
        Map<String, Object> removed = new LinkedHashMap<>();
        removed.put("days", report.days());
        removed.put("partitions", report.partitions());
        removed.put("messages", report.messages());
        removed.put("keptForHold", report.keptForHold());
        removed.put("recallJobs", report.recallJobs());
        removed.put("recallItems", report.recallItems());
        audit.append(actor, AuditAction.RETENTION_RUN, entry -> {
            entry.filter = audit.json(removed);
            entry.resultCount = report.messages() + report.recallJobs() + report.recallItems();
            entry.detail = "message records before " + messages.map(Instant::toString).orElse("(off)")
                    + " (retention.messages " + config.messages() + "), finished recall jobs before "
                    + jobs.map(Instant::toString).orElse("(off)") + " (retention.recall-jobs " + config.recallJobs()
                    + ")";
        });
        try (Connection connection = dataSource.getConnection()) {
            DetachedDays.markRemoved(connection, report.days());
        } catch (SQLException e) {
            throw new IllegalStateException("the removed days could not be marked with the audit entry", e);
        }
    }

    @Transactional
    public RetentionStatus status() {
        RetentionStatus.LastRun last = AuditEntry.<AuditEntry> find("action", Sort.descending("occurredAt", "id"),
                AuditAction.RETENTION_RUN).firstResultOptional()
                .map(entry -> new RetentionStatus.LastRun(entry.occurredAt, entry.actor, entry.filter)).orElse(null);
        var job = scheduler.getScheduledJob(SCHEDULED_JOB);
        Instant next = job == null || !enabled() ? null : job.getNextFireTime();
        try (Connection connection = dataSource.getConnection()) {
            return new RetentionStatus(config.messages().toString(), config.recallJobs().toString(),
                    config.schedule().toString(), last, next, DetachedDays.detached(connection));
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
