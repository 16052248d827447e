package io.msgkey.recorder.recall;

/**
 * What the ledger records for an item: its outcome ({@code PENDING} when it goes back to be tried again), the calls
 * made for it, and Tencent's code and words when there are any.
 */
record Settlement(ItemOutcome outcome, int attempts, Integer errorCode, String errorInfo) {

    static Settlement withoutCall(ItemOutcome outcome, String why) {
        return new Settlement(outcome, 0, null, why);
    }
}
