package io.msgkey.recorder.recall;

import java.util.function.BooleanSupplier;

import io.msgkey.recorder.common.ForeignText;
import io.msgkey.recorder.tencent.WithdrawOutcome;
import io.msgkey.recorder.tencent.WithdrawOutcome.Result;

/**
 * What becomes of an item, from what Tencent answered and what the ledger found: the one mapping from withdraw results
 * to item outcomes, and the one rule for a recall reported after an unanswered attempt. An attempt may take effect
 * without its answer arriving (a timeout, a reset, a 5xx, a worker that died mid-call); Tencent's 20023, or its recall
 * echo, then most likely reports that attempt's work, so the message counts as recalled by the job, with the evidence
 * kept as its code and words.
 */
public final class RecallVerdicts {

    private static final String UNANSWERED = "an earlier attempt went unanswered; ";

    static final Settlement ABANDONED_IN_CANCELLED_JOB = Settlement.withoutCall(ItemOutcome.FAILED,
            "in flight when its worker stopped, then the job was cancelled: the recall may or may not have taken "
                    + "effect");

    private RecallVerdicts() {
    }

    /**
     * The answer as the job counts it: a 20023 after an unanswered attempt, among this call's retries or by an earlier
     * call for the item ({@code earlierCallUnanswered}, asked only then), is the job's own recall.
     */
    public static WithdrawOutcome counted(WithdrawOutcome answer, BooleanSupplier earlierCallUnanswered) {
        if (answer.result() != Result.ALREADY_RECALLED
                || !(answer.answerLost() || earlierCallUnanswered.getAsBoolean())) {
            return answer;
        }
        return new WithdrawOutcome(Result.RECALLED, answer.errorCode(), UNANSWERED
                + "Tencent then reported the message recalled (" + answer.errorInfo() + ")", answer.attempts(),
                answer.answerLost());
    }

    /**
     * What a counted answer records. A call that never reached Tencent (our limiter or network failed first), or that
     * Tencent refused for our configuration, leaves the item {@code PENDING}, to be tried again.
     */
    static Settlement settlement(WithdrawOutcome counted) {
        ItemOutcome outcome = switch (counted.result()) {
            case RECALLED -> ItemOutcome.RECALLED;
            case ALREADY_RECALLED -> ItemOutcome.ALREADY_RECALLED;
            case NOT_FOUND -> ItemOutcome.NOT_FOUND;
            case INVALID -> ItemOutcome.INVALID;
            case RATE_LIMITED, TRANSIENT -> counted.attempts() == 0 ? ItemOutcome.PENDING : ItemOutcome.FAILED;
            case FAILED -> ItemOutcome.FAILED;
            case CONFIG_ERROR -> ItemOutcome.PENDING;
        };
        Integer code = counted.errorCode() == null || counted.errorCode() == 0 ? null : counted.errorCode();
        return new Settlement(outcome, counted.attempts(), code, ForeignText.storable(counted.errorInfo()));
    }

    /**
     * A message a job of this service recalled, found before its call: the job's own recall when an attempt of the job
     * is in flight unanswered, another job's otherwise.
     */
    static Settlement foundRecalled(boolean attemptInFlight) {
        return attemptInFlight
                ? Settlement.withoutCall(ItemOutcome.RECALLED, UNANSWERED
                        + "the message was reported recalled since, taken to be that attempt's doing; no call made")
                : Settlement.withoutCall(ItemOutcome.ALREADY_RECALLED,
                        "already recalled by a recall job of this service; no call made");
    }
}
