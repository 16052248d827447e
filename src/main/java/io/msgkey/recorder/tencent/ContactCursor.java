package io.msgkey.recorder.tencent;

/** Where the next page of a conversation list starts: its normal and pinned positions (all 0 for the first page). */
public record ContactCursor(long timeStamp, long startIndex, long topTimeStamp, long topStartIndex) {

    public static final ContactCursor FIRST = new ContactCursor(0, 0, 0, 0);
}
