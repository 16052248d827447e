package io.msgkey.recorder.tencent;

/**
 * Where the next page of admin_getroammsg starts: MaxTime (Unix seconds) and the LastMsgKey of the page before (null
 * for the first page). Pages walk backwards in time; a caller may persist the cursor and resume from it.
 */
public record RoamCursor(long maxTime, String lastMsgKey) {

    public static RoamCursor first(long maxTime) {
        return new RoamCursor(maxTime, null);
    }
}
