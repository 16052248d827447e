package io.msgkey.recorder.message;

import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import io.msgkey.recorder.common.EnumParameter;

/** Which messages a search covers. */
public enum MessageState {
    /** Delivered and not recalled: what a recall job can still act on. */
    ACTIVE("m.delivered AND m.recalled_at IS NULL", "g.recalled_at IS NULL"),
    RECALLED("m.recalled_at IS NOT NULL", "g.recalled_at IS NOT NULL"),
    /**
     * Tencent reported the send failed (SendMsgResult != 0), e.g. filtered content. Never a group message: Tencent
     * reports only delivered ones (failures come as Group.CallbackSendMsgException, without a MsgSeq).
     */
    UNDELIVERED("NOT m.delivered", null),
    ALL(null, null);

    private final String predicate;
    private final String groupPredicate;

    MessageState(String predicate, String groupPredicate) {
        this.predicate = predicate;
        this.groupPredicate = groupPredicate;
    }

    /** SQL over the message table aliased {@code m}; null when the state does not narrow the search. */
    String predicate() {
        return predicate;
    }

    /** SQL over the group_message table aliased {@code g}; null when the state does not narrow the search. */
    String groupPredicate() {
        return groupPredicate;
    }

    boolean matchesGroupMessages() {
        return this != UNDELIVERED;
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
