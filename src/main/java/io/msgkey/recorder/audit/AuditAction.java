package io.msgkey.recorder.audit;

/** The acts that leave a trace. */
public enum AuditAction {
    SEARCH,
    COUNT,
    JOB_CREATED,
    /** A job too big to freeze within its request finished freezing in the background; resultCount is its total. */
    JOB_FROZEN,
    JOB_CONFIRMED,
    JOB_CANCELLED,
    JOB_PAUSED,
    JOB_RESUMED,
    JOB_COMPLETED,
    /** A completed job's failed items were put back to be sent again; resultCount is how many. */
    JOB_RETRIED,
    ITEMS_EXPORTED,
    AUDIT_EXPORTED,
    /** A sync job was started; its id is the entry's jobId (a sync job's, not a recall job's). */
    SYNC_CREATED,
    SYNC_CANCELLED,
    SYNC_PAUSED,
    SYNC_RESUMED,
    SYNC_COMPLETED,
    SYNC_FAILED,
    /** A legal hold was placed or released; the hold's id is in the entry's filter ({@code hold}). */
    HOLD_CREATED,
    HOLD_RELEASED,
    HOLDS_LISTED,
    /** A data subject's records were counted, read (a page) or exported (CSV); the user is in the filter. */
    SUBJECT_COUNTED,
    SUBJECT_READ,
    SUBJECT_EXPORTED,
    /** A data subject's message records were removed; resultCount is how many. */
    SUBJECT_ERASED,
    /** A retention run, scheduled (actor system) or asked for; the filter holds what it removed. */
    RETENTION_RUN
}
