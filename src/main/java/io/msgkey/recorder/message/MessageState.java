package io.msgkey.recorder.message;

import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import io.msgkey.recorder.common.EnumParameter;

/** Which messages a search covers. */
public enum MessageState {
    /** Delivered and not recalled: what a recall job can still act on. */
    ACTIVE("m.delivered AND m.recalled_at IS NULL"),
    RECALLED("m.recalled_at IS NOT NULL"),
    /** Tencent reported the send failed (SendMsgResult != 0), e.g. filtered content. */
    UNDELIVERED("NOT m.delivered"),
    ALL(null);

    private final String predicate;

    MessageState(String predicate) {
        this.predicate = predicate;
    }

    /** SQL over the message table aliased {@code m}; null when the state does not narrow the search. */
    String predicate() {
        return predicate;
    }

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The {@code state} parameter; active when absent. */
    @JsonCreator
    public static MessageState parse(String value) {
        return EnumParameter.optional("state", value, MessageState.class, MessageState::wireName).orElse(ACTIVE);
    }
}
