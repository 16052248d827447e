package io.msgkey.recorder.recall;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.msgkey.recorder.message.MessageFilter;

/**
 * A job as the API shows it: its frozen selection and reason, who did what and when, its progress by outcome, the
 * rate it is recalling at and the time it should still take. {@code sample} is only filled when the job is created.
 * {@code olderThanRoaming}: frozen messages older than Tencent's roaming period (when frozen), which Tencent may no
 * longer find. {@code alreadyRecalledByCallback}, {@code undeliveredByCallback}: frozen messages that callbacks alone
 * marked recalled or undelivered; they are sent all the same, since a callback can be forged. {@code frozen}: while
 * {@code FREEZING}, how many messages are frozen so far. {@code pace} (running jobs): the pace the shared limit of
 * admin_msgwithdraw allows the job now, and why it is below the limit.
 * {@code groupTotal}: how many of the {@code total} are group messages.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RecallJobView(
        long id,
        RecallJobState state,
        MessageFilter filter,
        String reason,
        String note,
        String reference,
        int total,
        long groupTotal,
        Long frozen,
        long olderThanRoaming,
        long alreadyRecalledByCallback,
        long undeliveredByCallback,
        Map<ItemOutcome, Long> counts,
        double currentRate,
        int rateLimit,
        long estimatedSeconds,
        Long estimatedSecondsRemaining,
        JobPace pace,
        Approval approval,
        String createdBy,
        Instant createdAt,
        String confirmedBy,
        Instant confirmedAt,
        String cancelledBy,
        Instant cancelledAt,
        Instant pausedAt,
        String pauseReason,
        Instant completedAt,
        List<RecallItemView> sample) {

    static RecallJobView of(RecallJob job, Progress progress, Approval approval, List<RecallItemView> sample) {
        return new RecallJobView(job.id, job.state, job.filter, job.reason, job.note, job.reference, job.total,
                job.groupTotal, job.state == RecallJobState.FREEZING ? (long) job.total : null, job.olderThanRoaming,
                job.recalledByCallback, job.undeliveredByCallback, progress.counts(), progress.currentRate(),
                progress.rateLimit(), progress.estimatedSeconds(),
                progress.estimatedSecondsRemaining(), progress.pace(), approval, job.createdBy, job.createdAt, job.confirmedBy,
                job.confirmedAt, job.cancelledBy, job.cancelledAt, job.pausedAt, job.pauseReason, job.completedAt,
                sample);
    }

    /** The part that moves while the job runs: counts per outcome, the rate and the time it should still take. */
    record Progress(Map<ItemOutcome, Long> counts, double currentRate, int rateLimit, long estimatedSeconds,
            Long estimatedSecondsRemaining, JobPace pace) {
    }

    /**
     * The four-eyes rule as it applies to this job: when a second approver is required, anyone with the moderator role
     * except {@code notBy} may confirm. {@code confirmedAloneInWindow}: messages of the creator's other jobs, created
     * within the rolling window, that the creator confirmed alone (counted while the job waits).
     */
    public record Approval(boolean secondApproverRequired, int threshold, String notBy, long confirmedAloneInWindow) {
    }
}
