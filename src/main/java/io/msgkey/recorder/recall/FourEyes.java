package io.msgkey.recorder.recall;

import java.time.Clock;
import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * The four-eyes rule: a moderator may start their own job only while it and the jobs they started alone, created
 * within the rolling window, add up to no more than the threshold. Splitting a takedown into small jobs does not
 * sidestep it; jobs another moderator confirmed had their second pair of eyes and do not count.
 */
@ApplicationScoped
class FourEyes {

    private final Clock clock;
    private final int threshold;
    private final Duration window;

    FourEyes(Clock clock, RecallConfig config) {
        this.clock = clock;
        this.threshold = config.secondApproverAbove();
        this.window = config.secondApproverWindow();
    }

    /** True when {@code actor} may not be the one to start the job. */
    boolean required(RecallJob job, String actor) {
        return actor.equals(job.createdBy) && job.total + confirmedAlone(job) > threshold;
    }

    /** Why the job's creator may not start it. */
    String refusal(RecallJob job, String actor) {
        long earlier = confirmedAlone(job);
        String why = "job " + job.id + " recalls " + job.total + " messages";
        if (earlier == 0) {
            return why + ", more than " + threshold;
        }
        return why + " and " + actor + " confirmed " + earlier + " more alone in jobs created within the last "
                + window.toHours() + " h, more than " + threshold + " in all";
    }

    /** Who may confirm a job not started yet; for others the rule as it stood on the job's own total. */
    RecallJobView.Approval approval(RecallJob job) {
        boolean waiting = job.state == RecallJobState.FREEZING || job.state == RecallJobState.AWAITING_CONFIRMATION;
        long earlier = waiting ? confirmedAlone(job) : 0;
        boolean required = job.total + earlier > threshold;
        return new RecallJobView.Approval(required, threshold, required ? job.createdBy : null, earlier);
    }

    private long confirmedAlone(RecallJob job) {
        return RecallJob.confirmedAloneSince(job.createdBy, clock.instant().minus(window), job.id);
    }
}
