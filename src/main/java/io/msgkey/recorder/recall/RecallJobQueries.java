package io.msgkey.recorder.recall;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import io.msgkey.recorder.common.ApiException;
import io.msgkey.recorder.common.KeysetCursor;
import io.msgkey.recorder.common.KeysetCursors;
import io.msgkey.recorder.tencent.RateLimitedCommand;
import io.msgkey.recorder.tencent.TencentRateLimiter;

/**
 * Jobs and their items as the API shows them, with progress: counts per outcome, current rate, time remaining. The
 * counts are kept with the jobs ({@link RecallJobCounts}): a page of jobs reads a few rows per job, however many items
 * they hold; the current rate reads only the items of running jobs finished in the last few seconds.
 */
@ApplicationScoped
public class RecallJobQueries {

    private static final long RATE_WINDOW_SECONDS = 10;

    private final RecallItemRepository items;
    private final RecallJobCounts counts;
    private final FourEyes fourEyes;
    private final Clock clock;
    private final RecallConfig config;
    private final TencentRateLimiter limiter;
    private final KeysetCursors cursors;

    RecallJobQueries(RecallItemRepository items, RecallJobCounts counts, FourEyes fourEyes, Clock clock,
            RecallConfig config, TencentRateLimiter limiter, KeysetCursors cursors) {
        this.items = items;
        this.counts = counts;
        this.fourEyes = fourEyes;
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
        return new RecallJobList(views(jobs, null), next);
    }

    @Transactional
    public RecallItemPage items(long id, String outcome, String cursor, int limit) {
        RecallJob.<RecallJob> findByIdOptional(id).orElseThrow(() -> notFound(id));
        ItemOutcome only = ItemOutcome.parse(outcome).orElse(null);
        String scope = "items|" + id + "|" + only;
        OptionalLong after = cursors.decodeId(cursor, scope);
        List<RecallItem> page = items.page(id, only, after.isPresent() ? after.getAsLong() : null, limit + 1);
        String next = null;
        if (page.size() > limit) {
            page = page.subList(0, limit);
            RecallItem last = page.get(limit - 1);
            next = cursors.encodeId(last.id, scope);
        }
        return new RecallItemPage(page.stream().map(RecallItemView::of).toList(), next);
    }

    RecallJobView view(RecallJob job, List<RecallItemView> sample) {
        return views(List.of(job), sample).get(0);
    }

    private List<RecallJobView> views(List<RecallJob> jobs, List<RecallItemView> sample) {
        Instant now = clock.instant();
        Map<Long, Instant> windowStarts = new LinkedHashMap<>();
        jobs.stream().filter(job -> job.state == RecallJobState.RUNNING)
                .forEach(job -> windowStarts.put(job.id, now.minusSeconds(rateWindowSeconds(job, now))));
        Map<Long, Map<ItemOutcome, Long>> outcomes = counts.read(jobs.stream().map(job -> job.id).toList());
        Map<Long, Long> finished = items.finishedSince(windowStarts);
        RunningJobs running = new RunningJobs();
        TencentRateLimiter.Pace pace = windowStarts.isEmpty() ? null
                : limiter.pace(RateLimitedCommand.ADMIN_MSGWITHDRAW);
        return jobs.stream().map(job -> RecallJobView.of(job, progress(job,
                new JobProgress(outcomes.get(job.id), finished.getOrDefault(job.id, 0L)), now, running, pace),
                fourEyes.approval(job), sample)).toList();
    }

    private RecallJobView.Progress progress(RecallJob job, JobProgress progress, Instant now, RunningJobs running,
            TencentRateLimiter.Pace pace) {
        double seconds = expectedSeconds(job);
        // items per second when the job runs alone: each chat at its own limit, both at once
        double effectiveRate = seconds > 0 ? job.total / seconds
                : limiter.effectiveRate(RateLimitedCommand.ADMIN_MSGWITHDRAW);
        double currentRate = 0;
        Long remaining = null;
        JobPace jobPace = null;
        if (job.state == RecallJobState.RUNNING) {
            jobPace = JobPace.of(pace, running.count());
            currentRate = progress.finishedInWindow() / (double) rateWindowSeconds(job, now);
            double rate = currentRate > 0 ? currentRate : effectiveRate / Math.max(1, running.count());
            remaining = (long) Math.ceil(progress.pending() / rate);
        }
        return new RecallJobView.Progress(progress.counts(), currentRate, config.ratePerSecond(),
                (long) Math.ceil(seconds), remaining, jobPace);
    }

    /**
     * How long the job takes alone: one-to-one messages one per admin_msgwithdraw call, group messages up to ten per
     * group_msg_recall call (a group's last call may hold fewer; not counted), each under its own limit, at once.
     */
    private double expectedSeconds(RecallJob job) {
        long oneToOne = job.total - job.groupTotal;
        double withdrawals = oneToOne / limiter.effectiveRate(RateLimitedCommand.ADMIN_MSGWITHDRAW);
        double groupCalls = Math.ceil(job.groupTotal / (double) RecallCall.GROUP_CALL_SIZE)
                / limiter.effectiveRate(RateLimitedCommand.GROUP_MSG_RECALL);
        return Math.max(withdrawals, groupCalls);
    }

    /** Messages finished per second are measured over the last ten seconds, or since the job started if sooner. */
    private static long rateWindowSeconds(RecallJob job, Instant now) {
        if (job.confirmedAt == null) {
            return RATE_WINDOW_SECONDS;
        }
        return Math.max(1, Math.min(RATE_WINDOW_SECONDS, Duration.between(job.confirmedAt, now).toSeconds()));
    }

    static ApiException notFound(long id) {
        return ApiException.notFound("no recall job " + id);
    }

    /** How many jobs are running, counted once per request and only if a job's estimate needs it. */
    private static final class RunningJobs {
        private Long count;

        long count() {
            if (count == null) {
                count = RecallJob.countRunning();
            }
            return count;
        }
    }
}
