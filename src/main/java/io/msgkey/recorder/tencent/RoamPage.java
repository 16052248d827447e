package io.msgkey.recorder.tencent;

import java.util.List;

/** One page of a conversation's history, newest first; {@code next} is null once the history is complete. */
public record RoamPage(List<RoamMessage> messages, RoamCursor next) {

    public boolean complete() {
        return next == null;
    }
}
