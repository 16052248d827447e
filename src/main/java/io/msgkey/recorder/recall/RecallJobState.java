package io.msgkey.recorder.recall;

/** AWAITING_CONFIRMATION -> RUNNING -> COMPLETED or CANCELLED; RUNNING <-> PAUSED on a configuration error. */
public enum RecallJobState {
    AWAITING_CONFIRMATION,
    RUNNING,
    /** Tencent refused our credentials or configuration; confirming again resumes once it is fixed. */
    PAUSED,
    COMPLETED,
    CANCELLED;

    public boolean isFinal() {
        return this == COMPLETED || this == CANCELLED;
    }
}
