package io.msgkey.recorder.sync;

import java.time.Instant;

import io.msgkey.recorder.tencent.ContactCursor;
import io.msgkey.recorder.tencent.RoamCursor;

/** What an engine lane works on: one conversation's history, or one job's conversation list, under a lease. */
sealed interface SyncWork {

    long jobId();

    /** A conversation to fetch from its cursor on (null: from the first page). */
    record Conversation(long id, long jobId, String user, String peer, Instant since, Instant until,
            RoamCursor cursor) implements SyncWork {

        /** MinTime: since, rounded up to Tencent's whole seconds. */
        long minTime() {
            return since.getEpochSecond() + (since.getNano() > 0 ? 1 : 0);
        }

        /** The cursor of the next page: the stored one, or the first page's, ending just before until. */
        RoamCursor startCursor() {
            if (cursor != null) {
                return cursor;
            }
            long last = until.getNano() > 0 ? until.getEpochSecond() : until.getEpochSecond() - 1;
            return RoamCursor.first(last);
        }
    }

    /** A job's conversation list at Tencent, to read from its cursor on. */
    record Listing(long jobId, String user, ContactCursor cursor) implements SyncWork {
    }
}
