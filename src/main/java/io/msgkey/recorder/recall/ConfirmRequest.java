package io.msgkey.recorder.recall;

/** Optional guard on confirmation: the number of messages the approver expects the job to recall. */
public record ConfirmRequest(Long expectedTotal) {
}
