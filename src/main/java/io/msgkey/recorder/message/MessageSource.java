package io.msgkey.recorder.message;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * How the record first learnt of a message; the {@code source} column and the {@code source} of search results. The
 * source of the earliest record wins, so the value does not depend on the order records are written in.
 */
public enum MessageSource {
    /** Tencent's callbacks (before-send, after-send or the recall echo). */
    CALLBACK("callback"),
    /** A sendmsg or batchsendmsg exchange the app's server forwarded to {@code POST /api/imports}. */
    IMPORT("import"),
    /** Tencent's roaming history (admin_getroammsg), fetched by a sync job. */
    TENCENT_SYNC("tencent_sync");

    private final String wireName;

    MessageSource(String wireName) {
        this.wireName = wireName;
    }

    @JsonValue
    public String wireName() {
        return wireName;
    }

    public static MessageSource of(String wireName) {
        for (MessageSource source : values()) {
            if (source.wireName.equals(wireName)) {
                return source;
            }
        }
        throw new IllegalArgumentException("unknown message source " + wireName);
    }
}
