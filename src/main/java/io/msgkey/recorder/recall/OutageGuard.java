package io.msgkey.recorder.recall;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.jboss.logging.Logger;

import io.msgkey.recorder.tencent.TencentAdminClient;
import io.msgkey.recorder.tencent.WithdrawOutcome;
import io.msgkey.recorder.tencent.WithdrawOutcome.Result;

/**
 * Tells Tencent being down from one message failing. A call that still failed transiently after its retries (5xx,
 * timeout, 91000, …) is the message's own failure, and counts, only if other calls were answered meanwhile, the last
 * within a second of its end (so calls in flight when Tencent went down are not blamed). Otherwise it is taken for an
 * outage: its item goes back to pending with the attempt not counted, and after {@code failuresInARow} such calls one
 * probing call decides: answered, the failure was the message's own after all; unanswered, the running jobs pause as
 * "Tencent unavailable". Paused so, they are resumed by whichever instance's prober sees a call
 * answered again, sent one at a time every probe interval.
 */
final class OutageGuard {

    static final String PAUSE_REASON = "Tencent unavailable";
    private static final Logger LOG = Logger.getLogger(OutageGuard.class);
    /** A withdrawal of a message that cannot exist: any answer from Tencent means it answers again. */
    private static final String PROBE_KEY = "msgkey-recorder-outage-probe";
    /** An answer this recent to another call means Tencent is up. */
    private static final long OTHERS_ANSWERING_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final RecallJobService jobs;
    private final TencentAdminClient tencent;
    private final int failuresInARow;
    private final Duration probeInterval;
    private final AtomicLong lastAnsweredAt = new AtomicLong(System.nanoTime());
    private final AtomicInteger unansweredInARow = new AtomicInteger();

    OutageGuard(RecallJobService jobs, TencentAdminClient tencent, RecallConfig.Outage config) {
        this.jobs = jobs;
        this.tencent = tencent;
        this.failuresInARow = config.failuresInARow();
        this.probeInterval = config.probeInterval();
    }

    /**
     * The outcome as the item should record it: a transient failure during an outage becomes one that was never
     * attempted (so the item stays pending); {@code startedAt} is when its call began ({@link System#nanoTime()}).
     */
    WithdrawOutcome judge(WithdrawOutcome outcome, long startedAt) {
        if (outcome.attempts() == 0) {
            return outcome;
        }
        if (outcome.result() != Result.TRANSIENT) {
            answeredNow();
            return outcome;
        }
        long answered = lastAnsweredAt.get();
        if (answered - startedAt > 0 && System.nanoTime() - answered < OTHERS_ANSWERING_NANOS) {
            return outcome;
        }
        if (unansweredInARow.incrementAndGet() >= failuresInARow) {
            // a message that fails alone looks like an outage too: asking Tencent tells them apart
            if (answered(tencent.withdraw(PROBE_KEY, PROBE_KEY, PROBE_KEY))) {
                answeredNow();
                return outcome;
            }
            pauseRunningJobs(outcome);
        }
        return new WithdrawOutcome(outcome.result(), outcome.errorCode(), outcome.errorInfo(), 0,
                outcome.answerLost());
    }

    private void answeredNow() {
        lastAnsweredAt.accumulateAndGet(System.nanoTime(), Math::max);
        unansweredInARow.set(0);
    }

    private void pauseRunningJobs(WithdrawOutcome outcome) {
        String why = PAUSE_REASON + ": " + unansweredInARow.get() + " calls in a row failed after their retries ("
                + outcome.errorInfo() + "); resumes by itself once Tencent answers again";
        for (long jobId : jobs.runningJobIds()) {
            try {
                jobs.pause(jobId, why);
            } catch (RuntimeException e) {
                LOG.warnf("could not pause recall job %d for the outage: %s", jobId, e.toString());
            }
        }
    }

    /** Runs until interrupted: while a job is paused for an outage, probes Tencent and resumes the jobs. */
    void probeLoop() {
        while (true) {
            try {
                Thread.sleep(probeInterval.toMillis());
                if (jobs.anyPausedForOutage() && answered(tencent.withdraw(PROBE_KEY, PROBE_KEY, PROBE_KEY))) {
                    answeredNow();
                    LOG.infof("Tencent answers again: %d recall jobs resumed", jobs.resumeAfterOutage());
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                LOG.warnf("the outage prober could not look at the paused jobs: %s", e.toString());
            }
        }
    }

    private static boolean answered(WithdrawOutcome probe) {
        return probe.result() != Result.TRANSIENT && probe.result() != Result.RATE_LIMITED && probe.attempts() > 0;
    }
}
