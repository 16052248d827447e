package io.msgkey.recorder.subject;

import java.time.Instant;

/**
 * One recall job's item for a message: the job, what came of it, and when (the item's finish; null while pending);
 * {@code confirmedAt} when Tencent's recall echo arrived.
 */
public record RecallHistory(long job, String outcome, Instant at, Instant confirmedAt) {
}
