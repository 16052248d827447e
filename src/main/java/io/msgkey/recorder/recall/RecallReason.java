package io.msgkey.recorder.recall;

import java.util.Locale;

import io.msgkey.recorder.common.EnumParameter;

/** Why messages are being recalled; {@code other} needs a note saying why. */
public enum RecallReason {
    SPAM,
    HARASSMENT,
    ILLEGAL_CONTENT,
    USER_REQUEST,
    LEGAL_ORDER,
    OTHER;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    static RecallReason parse(String value) {
        return EnumParameter.required("reason", value, RecallReason.class, RecallReason::wireName);
    }

    /**
     * The {@code Reason} a group recall gives Tencent, which may show it to the group: the reason's wire name, or for
     * {@code other} the job's note, which says why (the note of any other reason stays with the job). Tencent's length
     * cap is applied where the request is made.
     */
    static String forTencent(String wireName, String note) {
        return OTHER.wireName().equals(wireName) && note != null ? note : wireName;
    }
}
