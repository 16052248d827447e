package io.msgkey.recorder.subject;

import java.util.List;

/** How many records name the user, and the active holds that keep them (an erasure is refused while any is). */
public record SubjectSummary(String user, long messages, List<Long> activeHolds) {
}
