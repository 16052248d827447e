package io.msgkey.recorder.sync;

import io.msgkey.recorder.tencent.TencentError;

/** What a failed fetch (after the client's own retries) means for the conversation, or list, it was for. */
enum SyncVerdict {
    /** Credentials or configuration: nothing of the job can succeed until an operator acts. */
    PAUSE_JOB,
    /** Tencent was busy or unreachable: try again later, a few times. */
    RETRY_LATER,
    /** Tencent refused this conversation, or its paging went wrong: final. */
    FAIL;

    static SyncVerdict of(TencentError error) {
        return switch (error) {
            case CONFIG, USERSIG_EXPIRED -> PAUSE_JOB;
            case RATE_LIMITED, SIG_CHECK_THROTTLED, TRANSIENT -> RETRY_LATER;
            case INVALID, NOT_FOUND, ALREADY_RECALLED, UNKNOWN, NONE -> FAIL;
        };
    }
}
