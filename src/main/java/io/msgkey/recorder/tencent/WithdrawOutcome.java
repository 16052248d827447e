package io.msgkey.recorder.tencent;

/** How one admin_msgwithdraw call ended, after retries. */
public record WithdrawOutcome(Result result, Integer errorCode, String errorInfo, int attempts) {

    public enum Result {
        RECALLED,
        ALREADY_RECALLED,
        NOT_FOUND,
        INVALID,
        /** Still rate limited when the retries ran out. */
        RATE_LIMITED,
        /** Still failing transiently when the retries ran out. */
        TRANSIENT,
        /** Credentials, account or region are wrong: nothing will succeed until the operator fixes them. */
        CONFIG_ERROR,
        /** An error code this service does not know. */
        FAILED
    }

    static WithdrawOutcome recalled(int attempts) {
        return new WithdrawOutcome(Result.RECALLED, 0, "", attempts);
    }

    /**
     * This outcome when an earlier attempt at the same recall may have taken effect without its answer arriving
     * (a timeout, a reset, a 5xx, a worker that died mid-call): Tencent's 20023 then most likely reports that
     * attempt's work, so the message counts as recalled here, with the 20023 kept as evidence.
     */
    public WithdrawOutcome afterUnansweredAttempt() {
        if (result != Result.ALREADY_RECALLED) {
            return this;
        }
        return new WithdrawOutcome(Result.RECALLED, errorCode, "an earlier attempt went unanswered; Tencent then "
                + "reported the message recalled (" + errorInfo + ")", attempts);
    }

    static WithdrawOutcome of(TencentFailure failure, int attempts) {
        Result result = switch (failure.error()) {
            case ALREADY_RECALLED -> Result.ALREADY_RECALLED;
            case NOT_FOUND -> Result.NOT_FOUND;
            case INVALID -> Result.INVALID;
            case RATE_LIMITED, SIG_CHECK_THROTTLED -> Result.RATE_LIMITED;
            case TRANSIENT -> Result.TRANSIENT;
            case CONFIG, USERSIG_EXPIRED -> Result.CONFIG_ERROR;
            case NONE, UNKNOWN -> Result.FAILED;
        };
        return new WithdrawOutcome(result, failure.code(), failure.info(), attempts);
    }
}
