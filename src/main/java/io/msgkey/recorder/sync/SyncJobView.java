package io.msgkey.recorder.sync;

import java.time.Instant;
import java.util.List;

/**
 * A sync job as the API shows it. {@code conversations.listComplete} is false while Tencent's conversation list is
 * still being read (the total may grow until then). {@code messages}: {@code seen} distinct messages Tencent listed,
 * of which {@code added} were new to the record and {@code alreadyKnown} were not; {@code recalledAtTencent} of them
 * Tencent flags recalled. {@code error}: why the job is paused, or why it failed.
 */
public record SyncJobView(
        long id,
        SyncJobState state,
        String user,
        List<String> peers,
        Instant since,
        Instant until,
        Conversations conversations,
        Messages messages,
        String createdBy,
        Instant createdAt,
        String cancelledBy,
        Instant cancelledAt,
        Instant pausedAt,
        Instant finishedAt,
        String error) {

    public record Conversations(long total, long done, long failed, boolean listComplete) {
    }

    public record Messages(long seen, long added, long alreadyKnown, long recalledAtTencent) {
    }

    static SyncJobView of(SyncJob job, SyncProgress progress) {
        return new SyncJobView(job.id, job.state, job.user, job.peers, job.since, job.until,
                new Conversations(progress.conversations(), progress.done(), progress.failed(), !job.listPending),
                new Messages(progress.seen(), progress.added(), progress.alreadyKnown(), progress.recalledAtTencent()),
                job.createdBy, job.createdAt, job.cancelledBy, job.cancelledAt, job.pausedAt, job.finishedAt,
                job.error);
    }
}
