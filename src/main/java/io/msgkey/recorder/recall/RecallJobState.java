package io.msgkey.recorder.recall;

/**
 * FREEZING -> AWAITING_CONFIRMATION -> RUNNING -> COMPLETED or CANCELLED; RUNNING <-> PAUSED (configuration error, outage);
 * COMPLETED -> RUNNING when its failed items are retried.
 */
public enum RecallJobState {
    /** The selection is being frozen in the background, chunk by chunk; {@code total} is what is frozen so far. */
    FREEZING,
    AWAITING_CONFIRMATION,
    RUNNING,
    /**
     * Tencent refused our credentials or configuration (confirming again resumes once it is fixed), or was unavailable
     * (resumed by itself once Tencent answers again, see OutageGuard).
     */
    PAUSED,
    COMPLETED,
    CANCELLED;

    public boolean isFinal() {
        return this == COMPLETED || this == CANCELLED;
    }
}
