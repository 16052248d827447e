package io.msgkey.recorder.recall;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class RecallCallTest {

    private long nextId = 1;

    @Test
    void twentyThreeSeqsOfOneGroupMakeThreeCallsOfTenTenAndThree() {
        List<ClaimedItem> items = new ArrayList<>();
        for (int seq = 1; seq <= 23; seq++) {
            items.add(item("@TGS#a", "", seq));
        }
        assertThat(RecallCall.packed(items)).extracting(call -> call.items().size()).containsExactly(10, 10, 3);
    }

    @Test
    void aCallNeverHoldsTwoGroupsOrTwoTopics() {
        List<ClaimedItem> items = new ArrayList<>(List.of(item("@TGS#a", "", 1), item("@TGS#a", "", 2),
                item("@TGS#a", "@TOPIC#x", 3), item("@TGS#a", "@TOPIC#y", 4), item("@TGS#b", "", 5),
                item("@TGS#b", "", 6), item("@TGS#a", "", 7)));
        List<RecallCall> calls = RecallCall.packed(items);

        assertThat(calls).extracting(call -> call.items().stream().map(item -> item.group().msgSeq()).toList())
                .containsExactly(List.of(1L, 2L), List.of(3L), List.of(4L), List.of(5L, 6L), List.of(7L));
        assertThat(calls).allSatisfy(call -> assertThat(call.items()).allSatisfy(
                item -> assertThat(item.group().sameChat(call.items().get(0).group())).isTrue()));
        assertThat(calls).allMatch(RecallCall::isGroup);
    }

    @Test
    void nothingToPackMakesNoCall() {
        assertThat(RecallCall.packed(List.of())).isEmpty();
    }

    private ClaimedItem item(String group, String topic, long seq) {
        long id = nextId++;
        return ClaimedItem.inGroup(new ItemKey(id, 1), id, new ClaimedItem.GroupMessageSeq(group, topic, seq, "spam"));
    }
}
