package io.msgkey.recorder.recall;

/**
 * A job was started, resumed or retried: fired in the transaction that made it {@code RUNNING}, so that this
 * instance's engine takes its items as soon as that commits instead of at its next look for work.
 */
record RecallJobRunning(long jobId) {
}
