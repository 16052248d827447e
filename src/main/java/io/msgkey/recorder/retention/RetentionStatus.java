package io.msgkey.recorder.retention;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The retention settings, the last run (when, by whom, what it removed; null before the first), when the next
 * scheduled run is due on this instance, and the day tables detached but not yet dropped (their records are removed;
 * their files are being dropped, or the next run drops them).
 */
public record RetentionStatus(String messages, String recallJobs, String schedule, LastRun lastRun, Instant nextRun,
        List<String> detached) {

    public record LastRun(Instant at, String actor, JsonNode removed) {
    }
}
