package io.msgkey.recorder.ingest;

/** How a callback was made durable before it was acknowledged; later constants are the less settled outcomes. */
public enum StoreOutcome {
    /** Committed to PostgreSQL. */
    STORED,
    /** Written and synced to the local spool; replayed into PostgreSQL later. */
    SPOOLED,
    /** Refused by PostgreSQL on its own (bad data): kept in the spool directory's rejected.log for an operator. */
    QUARANTINED
}
