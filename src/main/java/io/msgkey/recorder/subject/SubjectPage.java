package io.msgkey.recorder.subject;

import java.util.List;

import io.msgkey.recorder.common.CursorPage;

/** A page of a data subject's records, newest first; {@code nextCursor} is null on the last page. */
public record SubjectPage(List<SubjectRecord> items, String nextCursor) implements CursorPage<SubjectRecord> {
}
