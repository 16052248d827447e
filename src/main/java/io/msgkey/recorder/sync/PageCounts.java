package io.msgkey.recorder.sync;

/** What one page of a conversation added to its counts. */
record PageCounts(long seen, long added, long recalledAtTencent) {

    long alreadyKnown() {
        return seen - added;
    }
}
