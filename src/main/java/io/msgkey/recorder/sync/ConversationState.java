package io.msgkey.recorder.sync;

/** Where one conversation of a sync job stands. Everything but PENDING is final. */
public enum ConversationState {
    PENDING,
    /** Fetched to its end. */
    DONE,
    /** Could not be fetched to its end; the error is kept. */
    FAILED,
    /** Not fetched to its end: the job was cancelled. */
    SKIPPED
}
