package io.msgkey.recorder.message;

/** How many messages match a filter. */
public record MessageCount(long count) {
}
