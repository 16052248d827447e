package io.msgkey.recorder.recall;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import io.msgkey.recorder.common.ApiException;
import io.msgkey.recorder.common.KeysetCursor;
import io.msgkey.recorder.common.KeysetCursors;
import io.msgkey.recorder.tencent.TencentApi;
import io.msgkey.recorder.tencent.TencentRateLimiter;

/** Jobs and their items as the API shows them, with progress: counts per outcome, current rate, time remaining. */
@ApplicationScoped
public class RecallJobQueries {

    private static final long RATE_WINDOW_SECONDS = 10;

    private final Clock clock;
    private final RecallConfig config;
    private final TencentRateLimiter limiter;
    private final KeysetCursors cursors;

    RecallJobQueries(Clock clock, RecallConfig config, TencentRateLimiter limiter, KeysetCursors cursors) {
        this.clock = clock;
        this.config = config;
        this.limiter = limiter;
        this.cursors = cursors;
    }

    @Transactional
    public RecallJobView get(long id) {
        return view(RecallJob.<RecallJob> findByIdOptional(id).orElseThrow(() -> notFound(id)), null);
    }

    @Transactional
    public RecallJobList list(String cursor, int limit) {
        KeysetCursor after = cursors.decode(cursor, "jobs");
        List<RecallJob> jobs = RecallJob.newestFirst(after, limit + 1);
        String next = null;
        if (jobs.size() > limit) {
            jobs = jobs.subList(0, limit);
            RecallJob last = jobs.get(limit - 1);
            next = cursors.encode(new KeysetCursor(last.createdAt, last.id), "jobs");
        }
        return new RecallJobList(jobs.stream().map(job -> view(job, null)).toList(), next);
    }

    @Transactional
    public RecallItemPage items(long id, String outcome, String cursor, int limit) {
        RecallJob.<RecallJob> findByIdOptional(id).orElseThrow(() -> notFound(id));
        ItemOutcome only = outcome == null || outcome.isBlank() ? null : ItemOutcome.parse(outcome);
        String scope = "items|" + id + "|" + only;
        KeysetCursor after = cursors.decode(cursor, scope);
        List<RecallItem> items = RecallItem.page(id, only, after == null ? null : after.id(), limit + 1);
        String next = null;
        if (items.size() > limit) {
            items = items.subList(0, limit);
            RecallItem last = items.get(limit - 1);
            next = cursors.encode(new KeysetCursor(last.msgTime, last.id), scope);
        }
        return new RecallItemPage(items.stream().map(RecallItemView::of).toList(), next);
    }

    RecallJobView view(RecallJob job, List<RecallItemView> sample) {
        Map<ItemOutcome, Long> counts = RecallItem.countsByOutcome(job.id);
        double effectiveRate = limiter.effectiveRate(TencentApi.ADMIN_MSGWITHDRAW);
        double currentRate = job.state == RecallJobState.RUNNING ? currentRate(job) : 0;
        Long remaining = null;
        if (job.state == RecallJobState.RUNNING) {
            double rate = currentRate > 0 ? currentRate : effectiveRate / Math.max(1, RecallJob.countRunning());
            remaining = (long) Math.ceil(counts.get(ItemOutcome.PENDING) / rate);
        }
        boolean fourEyes = job.total > config.secondApproverAbove();
        return new RecallJobView(job.id, job.state, job.filter, job.reason, job.note, job.reference, job.total,
                counts, currentRate, config.ratePerSecond(), (long) Math.ceil(job.total / effectiveRate), remaining,
                new RecallJobView.Approval(fourEyes, config.secondApproverAbove(), fourEyes ? job.createdBy : null),
                job.createdBy, job.createdAt, job.confirmedBy, job.confirmedAt, job.cancelledBy, job.cancelledAt,
                job.pausedAt, job.pauseReason, job.completedAt, sample);
    }

    /** Messages finished per second over the last ten seconds, or since the job started if that is sooner. */
    private double currentRate(RecallJob job) {
        Instant now = clock.instant();
        long window = RATE_WINDOW_SECONDS;
        if (job.confirmedAt != null) {
            window = Math.max(1, Math.min(window, Duration.between(job.confirmedAt, now).toSeconds()));
        }
        return RecallItem.finishedSince(job.id, now.minusSeconds(window)) / (double) window;
    }

    static ApiException notFound(long id) {
        return ApiException.notFound("no recall job " + id);
    }
}
