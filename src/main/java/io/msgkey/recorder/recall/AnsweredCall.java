package io.msgkey.recorder.recall;

import java.util.List;

import io.msgkey.recorder.tencent.GroupRecallOutcome;
import io.msgkey.recorder.tencent.WithdrawOutcome;

/**
 * A call Tencent answered, waiting to be recorded: a one-to-one item with its answer ({@code outcome}), or a group
 * call's items with theirs ({@code groupOutcome}), the other null. Held in memory until the database took it.
 */
record AnsweredCall(List<ClaimedItem> items, WithdrawOutcome outcome, GroupRecallOutcome groupOutcome) {

    static AnsweredCall oneToOne(ClaimedItem item, WithdrawOutcome outcome) {
        return new AnsweredCall(List.of(item), outcome, null);
    }

    static AnsweredCall group(List<ClaimedItem> items, GroupRecallOutcome outcome) {
        return new AnsweredCall(items, null, outcome);
    }

    /** What Tencent said about the item, as the job counts it (not yet mapped to an outcome). */
    WithdrawOutcome answerFor(ClaimedItem item) {
        return groupOutcome == null ? outcome : groupOutcome.of(item.group().msgSeq());
    }
}
