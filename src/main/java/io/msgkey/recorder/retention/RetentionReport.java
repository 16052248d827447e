package io.msgkey.recorder.retention;

/** What a retention run removed: finished recall jobs past their retention, and their items. */
public record RetentionReport(long recallJobs, long recallItems) {
}
