package io.msgkey.recorder.message;

/** A message's identity: MsgKey alone is not documented to be unique, and MsgSeq may repeat. */
public record MessageKey(long sdkAppId, String from, String to, String msgKey) implements Comparable<MessageKey> {

    @Override
    public int compareTo(MessageKey other) {
        int c = Long.compare(sdkAppId, other.sdkAppId);
        if (c == 0) {
            c = from.compareTo(other.from);
        }
        if (c == 0) {
            c = to.compareTo(other.to);
        }
        return c != 0 ? c : msgKey.compareTo(other.msgKey);
    }
}
