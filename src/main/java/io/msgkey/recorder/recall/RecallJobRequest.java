package io.msgkey.recorder.recall;

import io.msgkey.recorder.message.MessageFilterParameters;

/**
 * A request to recall what a filter matches. {@code confirm: true} starts it at once (for automation);
 * {@code expectedTotal}, when given, must equal the frozen selection or nothing is created.
 */
public record RecallJobRequest(MessageFilterParameters filter, String reason, String note, String reference,
        Boolean confirm, Long expectedTotal) {
}
