package io.msgkey.recorder.recall;

import java.util.Map;

/** A job's items counted per outcome, and how many of them finished within its rate window. */
record JobProgress(Map<ItemOutcome, Long> counts, long finishedInWindow) {

    long pending() {
        return counts.get(ItemOutcome.PENDING);
    }
}
