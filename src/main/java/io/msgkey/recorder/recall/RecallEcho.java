package io.msgkey.recorder.recall;

import java.time.Instant;

import io.msgkey.recorder.message.MessageKey;

/** Tencent's C2C.CallbackAfterMsgWithDraw for a message, which confirms a recall took effect, and when it came. */
public record RecallEcho(MessageKey message, Instant reportedAt) {
}
