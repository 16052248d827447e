package io.msgkey.recorder.retention;

import java.util.List;

/**
 * What a retention run removed: finished recall jobs past their retention and their items; day partitions of message
 * records past theirs ({@code days}, by table name) and the records they held (with those removed from the default
 * partition), and the records kept because their user is under an active legal hold. {@code dropping} counts the
 * detached day tables whose files are dropped after the answer (these days, and any an earlier run left): their
 * records are out of the store already.
 */
public record RetentionReport(long recallJobs, long recallItems, long partitions, long messages, long keptForHold,
        List<String> days, int dropping) {
}
