package io.msgkey.recorder.retention;

import java.time.Instant;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The retention settings, the last run (when, by whom, what it removed; null before the first) and when the next
 * scheduled run is due on this instance.
 */
public record RetentionStatus(String messages, String recallJobs, String schedule, LastRun lastRun, Instant nextRun) {

    public record LastRun(Instant at, String actor, JsonNode removed) {
    }
}
