package io.msgkey.recorder.sync;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import io.msgkey.recorder.common.ApiException;
import io.msgkey.recorder.common.KeysetCursor;
import io.msgkey.recorder.common.KeysetCursors;

/** Sync jobs and their conversations as the API shows them; a page of jobs is counted in one statement. */
@ApplicationScoped
public class SyncJobQueries {

    private final SyncJobRepository jobs;
    private final KeysetCursors cursors;

    SyncJobQueries(SyncJobRepository jobs, KeysetCursors cursors) {
        this.jobs = jobs;
        this.cursors = cursors;
    }

    @Transactional
    public SyncJobView get(long id) {
        return view(SyncJob.<SyncJob> findByIdOptional(id).orElseThrow(() -> notFound(id)));
    }

    @Transactional
    public SyncJobList list(String cursor, int limit) {
        KeysetCursor after = cursors.decode(cursor, "sync-jobs");
        List<SyncJob> page = SyncJob.newestFirst(after, limit + 1);
        String next = null;
        if (page.size() > limit) {
            page = page.subList(0, limit);
            SyncJob last = page.get(limit - 1);
            next = cursors.encode(new KeysetCursor(last.createdAt, last.id), "sync-jobs");
        }
        Map<Long, SyncProgress> progress = jobs.progress(page.stream().map(job -> job.id).toList());
        return new SyncJobList(page.stream().map(job -> SyncJobView.of(job, progress.get(job.id))).toList(), next);
    }

    @Transactional
    public ConversationPage conversations(long id, String cursor, int limit) {
        SyncJob.<SyncJob> findByIdOptional(id).orElseThrow(() -> notFound(id));
        String scope = "sync-conversations|" + id;
        KeysetCursor after = cursors.decode(cursor, scope);
        List<SyncConversation> page = SyncConversation.page(id, after == null ? null : after.id(), limit + 1);
        String next = null;
        if (page.size() > limit) {
            page = page.subList(0, limit);
            next = cursors.encode(new KeysetCursor(Instant.EPOCH, page.get(limit - 1).id), scope);
        }
        return new ConversationPage(page.stream().map(ConversationView::of).toList(), next);
    }

    SyncJobView view(SyncJob job) {
        return SyncJobView.of(job, jobs.progress(List.of(job.id)).get(job.id));
    }

    static ApiException notFound(long id) {
        return ApiException.notFound("no sync job " + id);
    }
}
