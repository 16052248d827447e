package io.msgkey.recorder.tencent;

import java.util.Map;
import java.util.Set;

/** What a Tencent error code means for the caller (protocol page, table 2.1). */
public enum TencentError {
    /** ErrorCode 0. */
    NONE,
    /** Over Tencent's call frequency: back off and retry. */
    RATE_LIMITED,
    /** 70050, too many bad UserSig checks: wait at least a minute. */
    SIG_CHECK_THROTTLED,
    /** Tencent-side hiccup, network error, timeout or HTTP 5xx: retry with backoff. */
    TRANSIENT,
    /** 70001: make a new UserSig and retry once. */
    USERSIG_EXPIRED,
    /** Our configuration or account is wrong: stop and tell the operator; retrying cannot help. */
    CONFIG,
    /**
     * The request for this one message is wrong: final for the message. Group RetCodes 10031 (recall time limit),
     * 10032 (message cannot be recalled) and 10033 (group type cannot recall) are kept as the item's code.
     */
    INVALID,
    /** 20022 (one-to-one), RetCode 10030 (group): no such message. */
    NOT_FOUND,
    /** 20023: already recalled; the goal is reached. */
    ALREADY_RECALLED,
    /** A code this service does not know: treated as a failure, with the code kept. */
    UNKNOWN;

    /** Group APIs' 10xxx codes come after the others in each set; 10030-10033 are group_msg_recall's RetCodes. */
    private static final Map<TencentError, Set<Integer>> CODES = Map.of(
            RATE_LIMITED, Set.of(60007, 60011, 60018, 60019, 10006, 10023),
            SIG_CHECK_THROTTLED, Set.of(70050),
            TRANSIENT, Set.of(60004, 60005, 60008, 60014, 70169, 70202, 70500, 90994, 90995, 91000, 10002),
            USERSIG_EXPIRED, Set.of(70001),
            CONFIG, Set.of(70003, 70005, 70009, 70013, 70014, 70016, 70020, 60010, 60020, 60021, 60025, 60026, 60016,
                    90009, 10003, 10007, 10026, 10041),
            INVALID, Set.of(90001, 90003, 90008, 90054, 70402, 10004, 10010, 10015, 10031, 10032, 10033),
            NOT_FOUND, Set.of(20022, 10030),
            ALREADY_RECALLED, Set.of(20023));

    public static TencentError of(int code) {
        if (code == 0) {
            return NONE;
        }
        for (Map.Entry<TencentError, Set<Integer>> entry : CODES.entrySet()) {
            if (entry.getValue().contains(code)) {
                return entry.getKey();
            }
        }
        return UNKNOWN;
    }

    /** HTTP statuses other than 200 come from Tencent's edge or a proxy, not from the API itself. */
    public static TencentError ofHttpStatus(int status) {
        if (status == 429) {
            return RATE_LIMITED;
        }
        return status >= 500 ? TRANSIENT : CONFIG;
    }

    public boolean retryable() {
        return this == RATE_LIMITED || this == SIG_CHECK_THROTTLED || this == TRANSIENT;
    }
}
