package io.msgkey.recorder.recall;

/**
 * What the ledger looks at when an item could not simply be marked in flight: its job, whether a job of this service
 * recalled its message (the one mark that spares a call), and its in-flight mark.
 */
record StartCheck(RecallJobState jobState, boolean recalledByJob, boolean inFlight) {
}
