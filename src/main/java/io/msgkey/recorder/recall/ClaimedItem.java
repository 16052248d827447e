package io.msgkey.recorder.recall;

/**
 * An item this instance holds a lease on, with the recorded message and what the recall call names: a one-to-one
 * message ({@code message}) or a group message ({@code group}), the other null.
 */
record ClaimedItem(ItemKey key, long messageId, OneToOneMessage message, GroupMessageSeq group) {

    static ClaimedItem oneToOne(ItemKey key, long messageId, OneToOneMessage message) {
        return new ClaimedItem(key, messageId, message, null);
    }

    static ClaimedItem inGroup(ItemKey key, long messageId, GroupMessageSeq group) {
        return new ClaimedItem(key, messageId, null, group);
    }

    boolean isGroup() {
        return group != null;
    }

    /** A one-to-one message as admin_msgwithdraw names it. */
    record OneToOneMessage(String from, String to, String msgKey) {
    }

    /**
     * A group message as group_msg_recall names it ({@code topicId} empty outside topics), with the reason its job
     * gives Tencent.
     */
    record GroupMessageSeq(String groupId, String topicId, long msgSeq, String reason) {

        /** Whether the two can go in one call: same group, same topic. */
        boolean sameChat(GroupMessageSeq other) {
            return groupId.equals(other.groupId) && topicId.equals(other.topicId);
        }
    }
}
