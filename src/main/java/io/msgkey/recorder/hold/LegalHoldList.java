package io.msgkey.recorder.hold;

import java.util.List;

import io.msgkey.recorder.common.CursorPage;

/** Holds, newest first, active and released alike. */
public record LegalHoldList(List<LegalHoldView> items, String nextCursor) implements CursorPage<LegalHoldView> {
}
