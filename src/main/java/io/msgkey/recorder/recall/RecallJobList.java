package io.msgkey.recorder.recall;

import java.util.List;

/** Jobs, newest first; {@code nextCursor} is null on the last page. */
public record RecallJobList(List<RecallJobView> items, String nextCursor) {
}
