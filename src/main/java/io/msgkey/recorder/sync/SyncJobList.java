package io.msgkey.recorder.sync;

import java.util.List;

/** Sync jobs, newest first; {@code nextCursor} is null on the last page. */
public record SyncJobList(List<SyncJobView> items, String nextCursor) {
}
