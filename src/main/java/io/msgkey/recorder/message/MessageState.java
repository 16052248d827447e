package io.msgkey.recorder.message;

import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import io.msgkey.recorder.common.EnumParameter;

/** Which messages a search covers. */
public enum MessageState {
    /** Delivered and not recalled: what a recall job can still act on. */
    ACTIVE("m.delivered AND m.recalled_at IS NULL", "g.recalled_at IS NULL", false),
    RECALLED("m.recalled_at IS NOT NULL", "g.recalled_at IS NOT NULL", true),
    /**
     * Tencent reported the send failed (SendMsgResult != 0), e.g. filtered content. Never a group message: Tencent
     * reports only delivered ones (failures come as Group.CallbackSendMsgException, without a MsgSeq).
     */
    UNDELIVERED("NOT m.delivered", null, true),
    ALL(null, null, false);

    private final String predicate;
    private final String groupPredicate;
    private final boolean rare;

    MessageState(String predicate, String groupPredicate, boolean rare) {
        this.predicate = predicate;
        this.groupPredicate = groupPredicate;
        this.rare = rare;
    }

    /** SQL over the message table aliased {@code m}; null when the state does not narrow the search. */
    String predicate() {
        return predicate;
    }

    /** SQL over the group_message table aliased {@code g}; null when the state does not narrow the search. */
    String groupPredicate() {
        return groupPredicate;
    }

    /**
     * Whether few messages are in this state, so that a page of them may lie behind a sender's whole history. Its
     * predicates read only the columns the search indexes INCLUDE (V1, V10, V15), so such a page is found on the index
     * alone before its rows are read ({@link MessageQuery#page}).
     */
    boolean rare() {
        return rare;
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
