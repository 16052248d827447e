package io.msgkey.recorder.recall;

import java.time.Instant;

import io.msgkey.recorder.message.GroupMessageKey;

/** Tencent's Group.CallbackAfterRecallMsg for one MsgSeq, which confirms a group recall took effect, and when it came. */
public record GroupRecallEcho(GroupMessageKey message, Instant reportedAt) {
}
