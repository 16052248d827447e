package io.msgkey.recorder.message;

import java.time.Instant;
import java.util.List;

/**
 * A page of search results, newest first; {@code nextCursor} is null on the last page. {@code asOf} is when the
 * search ran, by the service's clock: a recall job limited to messages before it recalls what the search showed.
 */
public record MessageSearchResult(List<MessageSummary> items, String nextCursor, Instant asOf) {
}
