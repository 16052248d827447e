package io.msgkey.recorder.recall;

import java.util.ArrayList;
import java.util.List;

/**
 * What one lane sends in one call: a one-to-one item alone (admin_msgwithdraw), or up to ten group items of one group
 * and topic (group_msg_recall), never two groups or topics in one call.
 */
record RecallCall(List<ClaimedItem> items) {

    static final int GROUP_CALL_SIZE = 10;

    static RecallCall of(ClaimedItem item) {
        return new RecallCall(List.of(item));
    }

    boolean isGroup() {
        return items.get(0).isGroup();
    }

    long jobId() {
        return items.get(0).key().jobId();
    }

    /**
     * Packs group items into calls of up to ten, in the order given: items of one group and topic that follow each
     * other share calls, so items claimed ordered by group and topic fill them.
     */
    static List<RecallCall> packed(List<ClaimedItem> groupItems) {
        List<RecallCall> calls = new ArrayList<>();
        List<ClaimedItem> current = new ArrayList<>();
        for (ClaimedItem item : groupItems) {
            if (!current.isEmpty() && (current.size() == GROUP_CALL_SIZE
                    || !current.get(0).group().sameChat(item.group()))) {
                calls.add(new RecallCall(List.copyOf(current)));
                current.clear();
            }
            current.add(item);
        }
        if (!current.isEmpty()) {
            calls.add(new RecallCall(List.copyOf(current)));
        }
        return calls;
    }
}
