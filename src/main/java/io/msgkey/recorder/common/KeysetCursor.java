package io.msgkey.recorder.common;

import java.time.Instant;

/** Where a page ended: the (time, id) keyset of its last row. {@link KeysetCursors} turns it into an opaque cursor. */
public record KeysetCursor(Instant time, long id) {
}
