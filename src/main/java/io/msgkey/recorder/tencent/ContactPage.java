package io.msgkey.recorder.tencent;

import java.util.List;

/** One page of a user's conversation list: its one-to-one peers; {@code next} is null once the list is complete. */
public record ContactPage(List<String> peers, ContactCursor next) {

    public boolean complete() {
        return next == null;
    }
}
