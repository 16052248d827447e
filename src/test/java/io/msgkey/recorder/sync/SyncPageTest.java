package io.msgkey.recorder.sync;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.msgkey.recorder.ingest.MessageRecord;
import io.msgkey.recorder.message.MessageKey;
import io.msgkey.recorder.tencent.RoamMessage;

/** A page of Tencent's history as records, and what it adds to a conversation's counts. */
class SyncPageTest {

    private static final Instant FETCHED = Instant.parse("2024-05-08T00:00:00Z");
    private static final Instant T0 = Instant.parse("2024-05-01T00:00:00Z");

    @Test
    void eachMessageOnceWithoutTheOneThatEndedThePageBefore() {
        SyncPage page = SyncPage.of(List.of(message("k3", 0), message("k2", 8), message("k2", 8), message("k1", 0)),
                "k3", 1400000000L, FETCHED);

        assertThat(page.records()).extracting(MessageRecord::msgKey).containsExactly("k2", "k1");
        assertThat(page.recalled()).isEqualTo(1);
        MessageRecord recalled = page.records().get(0);
        assertThat(recalled.kind()).isEqualTo(MessageRecord.Kind.ROAM);
        assertThat(recalled.recalledAt()).isEqualTo(FETCHED);
        assertThat(recalled.msgTime()).isEqualTo(T0);
        assertThat(page.records().get(1).recalledAt()).isNull();
    }

    @Test
    void whatTheRecordCannotHoldIsLeftOut() {
        SyncPage page = SyncPage.of(List.of(message("", 0), message("k\u0000", 0),
                new RoamMessage("ann", "bob", "late", 1, 2, Instant.parse("2200-01-01T00:00:00Z"), 0, false),
                message("ok", 0)), null, 1400000000L, FETCHED);

        assertThat(page.records()).extracting(MessageRecord::msgKey).containsExactly("ok");
    }

    @Test
    void countsAreSeenAddedAndTheRestKnown() {
        SyncPage page = SyncPage.of(List.of(message("k1", 0), message("k2", 8), message("k3", 0)), null, 1400000000L,
                FETCHED);

        PageCounts counts = page.counts(Set.of(new MessageKey(1400000000L, "ann", "bob", "k2"),
                new MessageKey(1400000000L, "ann", "bob", "elsewhere")));

        assertThat(counts).isEqualTo(new PageCounts(3, 1, 1));
        assertThat(counts.alreadyKnown()).isEqualTo(2);
    }

    @Test
    void aJobFailsWhenAConversationOrTheListFailedAndSaysWhy() {
        assertThat(new Finishing(1, 4, 0, null, null).state()).isEqualTo(SyncJobState.COMPLETED);
        assertThat(new Finishing(1, 4, 0, null, null).error()).isNull();
        Finishing failed = new Finishing(1, 4, 2, "bob: Tencent error 90001: bad", "Tencent error 91000: busy");
        assertThat(failed.state()).isEqualTo(SyncJobState.FAILED);
        assertThat(failed.error()).isEqualTo("Tencent's conversation list could not be read to its end: Tencent "
                + "error 91000: busy; 2 of 4 conversations could not be fetched to their end (first: bob: Tencent "
                + "error 90001: bad)");
    }

    private static RoamMessage message(String key, int flags) {
        return new RoamMessage("ann", "bob", key, 1, 2, T0, flags, false);
    }
}
