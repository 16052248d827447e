package io.msgkey.recorder.sync;

/** A job's conversations counted by state, and the messages they saw. */
record SyncProgress(long conversations, long done, long failed, long seen, long added, long alreadyKnown,
        long recalledAtTencent) {

    static final SyncProgress NONE = new SyncProgress(0, 0, 0, 0, 0, 0, 0);
}
