package io.msgkey.recorder.recall;

import java.util.List;

import io.msgkey.recorder.common.CursorPage;

/** A page of a job's items in selection order; {@code nextCursor} is null on the last page. */
public record RecallItemPage(List<RecallItemView> items, String nextCursor) implements CursorPage<RecallItemView> {
}
