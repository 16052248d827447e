package io.msgkey.recorder.tencent;

/**
 * How one admin_msgwithdraw call ended, after retries, as Tencent answered it. {@code answerLost}: one of its attempts
 * may have taken effect without its answer arriving (a timeout, a reset, a 5xx, a reply that could not be read). What
 * that means for a recall is the caller's to decide.
 */
public record WithdrawOutcome(Result result, Integer errorCode, String errorInfo, int attempts, boolean answerLost) {

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

    static WithdrawOutcome recalled(int attempts, boolean answerLost) {
        return new WithdrawOutcome(Result.RECALLED, 0, "", attempts, answerLost);
    }

    static WithdrawOutcome of(TencentFailure failure, int attempts, boolean answerLost) {
        Result result = switch (failure.error()) {
            case ALREADY_RECALLED -> Result.ALREADY_RECALLED;
            case NOT_FOUND -> Result.NOT_FOUND;
            case INVALID -> Result.INVALID;
            case RATE_LIMITED, SIG_CHECK_THROTTLED -> Result.RATE_LIMITED;
            case TRANSIENT -> Result.TRANSIENT;
            case CONFIG, USERSIG_EXPIRED -> Result.CONFIG_ERROR;
            case NONE, UNKNOWN -> Result.FAILED;
        };
        return new WithdrawOutcome(result, failure.code(), failure.info(), attempts, answerLost);
    }
}
