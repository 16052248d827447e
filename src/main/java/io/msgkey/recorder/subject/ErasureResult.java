package io.msgkey.recorder.subject;

/** What an erasure removed: the user's message records. */
public record ErasureResult(String user, long messages) {
}
