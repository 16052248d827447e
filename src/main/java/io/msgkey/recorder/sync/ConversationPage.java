package io.msgkey.recorder.sync;

import java.util.List;

import io.msgkey.recorder.common.CursorPage;

/** A page of a sync job's conversations, in the order they were found; {@code nextCursor} is null on the last. */
public record ConversationPage(List<ConversationView> items, String nextCursor)
        implements
            CursorPage<ConversationView> {
}
