package io.msgkey.recorder.message;

/**
 * A group message's identity: Tencent numbers a group's messages itself (MsgSeq), within the topic for community
 * topics. {@code topicId} is empty outside topics.
 */
public record GroupMessageKey(long sdkAppId, String groupId, String topicId, long msgSeq)
        implements
            Comparable<GroupMessageKey> {

    @Override
    public int compareTo(GroupMessageKey other) {
        int c = Long.compare(sdkAppId, other.sdkAppId);
        if (c == 0) {
            c = groupId.compareTo(other.groupId);
        }
        if (c == 0) {
            c = topicId.compareTo(other.topicId);
        }
        return c != 0 ? c : Long.compare(msgSeq, other.msgSeq);
    }
}
