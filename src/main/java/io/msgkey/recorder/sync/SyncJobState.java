package io.msgkey.recorder.sync;

/**
 * RUNNING -> COMPLETED (everything fetched), FAILED (some conversation, or the conversation list, could not be
 * fetched to its end) or CANCELLED; RUNNING <-> PAUSED on a Tencent credential or configuration error.
 */
public enum SyncJobState {
    RUNNING,
    PAUSED,
    COMPLETED,
    CANCELLED,
    FAILED;

    public boolean isFinal() {
        return this == COMPLETED || this == CANCELLED || this == FAILED;
    }
}
