package io.msgkey.recorder.retention;

/**
 * What a retention run removed: finished recall jobs past their retention and their items; day partitions of message
 * records past theirs and the records they held (with those removed from the default partition), and the records kept
 * because their user is under an active legal hold.
 */
public record RetentionReport(long recallJobs, long recallItems, long partitions, long messages, long keptForHold) {
}
