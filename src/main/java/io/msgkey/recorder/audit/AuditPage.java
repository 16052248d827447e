package io.msgkey.recorder.audit;

import java.util.List;

import io.msgkey.recorder.common.CursorPage;

/** Audit entries, newest first; {@code nextCursor} is null on the last page. */
public record AuditPage(List<AuditEntryView> items, String nextCursor) implements CursorPage<AuditEntryView> {
}
