package io.msgkey.recorder.message;

import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import io.msgkey.recorder.common.EnumParameter;

/** Which chats a search covers, and which chat a result is from. */
public enum Chat {
    /** One-to-one messages ({@code message}). */
    C2C,
    /** Group messages ({@code group_message}). */
    GROUP,
    ALL;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The {@code chat} parameter; null when absent, which the filter reads as all. */
    @JsonCreator
    public static Chat parse(String value) {
        return EnumParameter.optional("chat", value, Chat.class, Chat::wireName).orElse(null);
    }
}
