package io.msgkey.recorder.audit;

/** The acts that leave a trace. */
public enum AuditAction {
    SEARCH,
    COUNT,
    JOB_CREATED,
    JOB_CONFIRMED,
    JOB_CANCELLED,
    JOB_PAUSED,
    JOB_RESUMED,
    JOB_COMPLETED,
    ITEMS_EXPORTED,
    AUDIT_EXPORTED
}
