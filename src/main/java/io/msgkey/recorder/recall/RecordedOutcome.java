package io.msgkey.recorder.recall;

/** An item whose call was answered, with what the ledger records for it. */
record RecordedOutcome(ItemKey key, Settlement settlement) {
}
