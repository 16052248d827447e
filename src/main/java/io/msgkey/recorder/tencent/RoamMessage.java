package io.msgkey.recorder.tencent;

import java.time.Instant;

/** One message from admin_getroammsg: Tencent's own record of a one-to-one message. */
public record RoamMessage(String from, String to, String msgKey, long msgSeq, long msgRandom, Instant msgTime,
        int msgFlagBits, boolean peerRead) {

    private static final int RECALLED_FLAG = 8;

    public boolean recalled() {
        return (msgFlagBits & RECALLED_FLAG) != 0;
    }

    static RoamMessage of(TencentReply.RoamEntry entry) {
        return new RoamMessage(entry.from(), entry.to(), entry.msgKey(), entry.msgSeq(), entry.msgRandom(),
                Instant.ofEpochSecond(entry.msgTimeStamp()), entry.msgFlagBits(),
                entry.isPeerRead() != null && entry.isPeerRead() == 1);
    }
}
