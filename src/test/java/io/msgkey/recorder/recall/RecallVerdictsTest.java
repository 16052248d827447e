package io.msgkey.recorder.recall;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.msgkey.recorder.tencent.WithdrawOutcome;
import io.msgkey.recorder.tencent.WithdrawOutcome.Result;

/** What Tencent's answers mean for an item, and the one rule for a recall reported after an unanswered attempt. */
class RecallVerdictsTest {

    @ParameterizedTest
    @CsvSource({
            "RECALLED, 1, RECALLED", "ALREADY_RECALLED, 1, ALREADY_RECALLED", "NOT_FOUND, 1, NOT_FOUND",
            "INVALID, 1, INVALID", "FAILED, 1, FAILED", "RATE_LIMITED, 5, FAILED", "TRANSIENT, 5, FAILED",
            "RATE_LIMITED, 0, PENDING", "TRANSIENT, 0, PENDING", "CONFIG_ERROR, 1, PENDING",
    })
    void eachResultHasOneOutcome(Result result, int attempts, ItemOutcome outcome) {
        Settlement settlement = RecallVerdicts.settlement(answer(result, 60004, "words", attempts, false));

        assertThat(settlement.outcome()).isEqualTo(outcome);
        assertThat(settlement.attempts()).isEqualTo(attempts);
        assertThat(settlement.errorCode()).isEqualTo(60004);
        assertThat(settlement.errorInfo()).isEqualTo("words");
    }

    @Test
    void aSuccessKeepsNoCodeAndNoWords() {
        Settlement settlement = RecallVerdicts.settlement(answer(Result.RECALLED, 0, "", 1, false));

        assertThat(settlement.errorCode()).isNull();
        assertThat(settlement.errorInfo()).isNull();
    }

    @Test
    void twentyThreeAfterAnAnswerLostInTheSameCallIsTheJobsRecall() {
        AtomicBoolean asked = new AtomicBoolean();
        WithdrawOutcome counted = RecallVerdicts.counted(answer(Result.ALREADY_RECALLED, 20023, "done", 2, true),
                () -> asked.getAndSet(true));

        assertThat(counted.result()).isEqualTo(Result.RECALLED);
        assertThat(counted.errorCode()).isEqualTo(20023);
        assertThat(counted.errorInfo()).isEqualTo("an earlier attempt went unanswered; Tencent then reported the "
                + "message recalled (done)");
        assertThat(asked).as("no need to look at the item's history").isFalse();
    }

    @Test
    void twentyThreeAfterAnEarlierCallWentUnansweredIsTheJobsRecall() {
        WithdrawOutcome counted = RecallVerdicts.counted(answer(Result.ALREADY_RECALLED, 20023, "done", 1, false),
                () -> true);

        assertThat(RecallVerdicts.settlement(counted).outcome()).isEqualTo(ItemOutcome.RECALLED);
    }

    @Test
    void twentyThreeOnAFirstAnsweredAttemptIsSomeoneElsesRecall() {
        WithdrawOutcome answer = answer(Result.ALREADY_RECALLED, 20023, "done", 1, false);

        assertThat(RecallVerdicts.counted(answer, () -> false)).isEqualTo(answer);
    }

    @Test
    void otherAnswersAreCountedAsGivenWithoutLookingAtTheHistory() {
        WithdrawOutcome answer = answer(Result.NOT_FOUND, 20022, "gone", 2, true);

        assertThat(RecallVerdicts.counted(answer, () -> {
            throw new AssertionError("the item's history is only read for a 20023");
        })).isEqualTo(answer);
    }

    @Test
    void aMessageFoundRecalledIsTheJobsOnlyWhileAnAttemptOfItIsInFlight() {
        assertThat(RecallVerdicts.foundRecalled(true).outcome()).isEqualTo(ItemOutcome.RECALLED);
        assertThat(RecallVerdicts.foundRecalled(true).errorInfo()).startsWith("an earlier attempt went unanswered");
        assertThat(RecallVerdicts.foundRecalled(false).outcome()).isEqualTo(ItemOutcome.ALREADY_RECALLED);
        assertThat(RecallVerdicts.foundRecalled(false).attempts()).isZero();
    }

    private static WithdrawOutcome answer(Result result, int code, String info, int attempts, boolean lost) {
        return new WithdrawOutcome(result, code, info, attempts, lost);
    }
}
