package io.msgkey.recorder.recall;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

import io.msgkey.recorder.common.ApiException;

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
        if (value == null || value.isBlank()) {
            throw ApiException.badParameter("reason", "reason is required: one of " + choices());
        }
        return Arrays.stream(values()).filter(reason -> reason.wireName().equals(value)).findFirst()
                .orElseThrow(() -> ApiException.badParameter("reason", "reason must be one of " + choices()));
    }

    private static String choices() {
        return Arrays.stream(values()).map(RecallReason::wireName).collect(Collectors.joining(", "));
    }
}
