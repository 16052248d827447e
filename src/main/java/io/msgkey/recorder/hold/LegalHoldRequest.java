package io.msgkey.recorder.hold;

/** A hold to place on one user's records: why (reason) and under which matter (reference, optional). */
public record LegalHoldRequest(String user, String reason, String reference) {
}
