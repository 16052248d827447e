package io.msgkey.recorder.recall;

/**
 * Which item of which job: what the repository hands out with a lease and what every later step names. It says
 * nothing about the kind of message the item recalls, so every kind is leased, started and settled alike.
 */
record ItemKey(long id, long jobId) {
}
