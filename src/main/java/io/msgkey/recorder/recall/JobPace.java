package io.msgkey.recorder.recall;

import java.time.Instant;

import io.msgkey.recorder.tencent.TencentRateLimiter;

/**
 * The pace a running job is recalled at, shown beside its measured rate: {@code callsPerSecond} is what the shared
 * limiter allows the job now (the configured rate, less Tencent's refusals, split between the running jobs), and
 * {@code reason} says why it is below {@code limit} when it is. {@code slowedUntil}: set while Tencent's refusals slow
 * every job down.
 */
public record JobPace(double callsPerSecond, int limit, Instant slowedUntil, String reason) {

    static JobPace of(TencentRateLimiter.Pace pace, long runningJobs) {
        double share = pace.callsPerSecond() / Math.max(1, runningJobs);
        StringBuilder reason = new StringBuilder();
        if (pace.slowedUntil() != null) {
            reason.append(pace.reason()).append(": every instance keeps ")
                    .append(Math.round(pace.callsPerSecond())).append(" calls/s until ").append(pace.slowedUntil());
        }
        if (runningJobs > 1) {
            reason.append(reason.isEmpty() ? "" : "; ").append("shared with ").append(runningJobs - 1)
                    .append(runningJobs == 2 ? " other running job" : " other running jobs");
        }
        return new JobPace(Math.round(share * 10) / 10.0, pace.limit(), pace.slowedUntil(),
                reason.isEmpty() ? null : reason.toString());
    }
}
