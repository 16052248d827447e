package io.msgkey.recorder.sync;

import java.time.Instant;

/** One conversation of a sync job: whom with, why it is part of the job, how far it got and what it found. */
public record ConversationView(String peer, String foundBy, ConversationState state, int pages, long seen,
        long added, long alreadyKnown, long recalledAtTencent, int attempts, String lastError, Instant finishedAt) {

    static ConversationView of(SyncConversation conversation) {
        return new ConversationView(conversation.peer, conversation.foundBy, conversation.state, conversation.pages,
                conversation.seen, conversation.added, conversation.alreadyKnown, conversation.recalledAtTencent,
                conversation.attempts, conversation.lastError, conversation.finishedAt);
    }
}
