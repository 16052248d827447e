package io.msgkey.recorder.recall;

/** An item this instance holds a lease on, with what a recall call needs. */
record ClaimedItem(long id, long jobId, long messageId, String from, String to, String msgKey) {
}
