package io.msgkey.recorder.subject;

import java.util.List;

import io.msgkey.recorder.message.MessageSummary;

/** A record in which the data subject is sender or recipient, with every recall job that took it up. */
public record SubjectRecord(MessageSummary message, List<RecallHistory> recalls) {
}
