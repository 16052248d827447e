package io.msgkey.recorder.recall;

/** What the ledger looks at when an item could not simply be marked in flight: its job, its message, its mark. */
record StartCheck(RecallJobState jobState, boolean messageRecalled, boolean messageDelivered, boolean inFlight) {
}
