package io.msgkey.recorder.imports;

/** A recipient of an imported exchange that was not recorded, and why; {@code exchange} is its index in the body. */
public record NotRecorded(int exchange, String to, String reason) {
}
