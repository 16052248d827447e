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
}
