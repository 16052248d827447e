package io.msgkey.recorder.message;

import java.util.List;

/** A page of search results, newest first; {@code nextCursor} is null on the last page. */
public record MessageSearchResult(List<MessageSummary> items, String nextCursor) {
}
