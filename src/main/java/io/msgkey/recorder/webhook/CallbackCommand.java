package io.msgkey.recorder.webhook;

import java.util.Arrays;
import java.util.Optional;

/** The callbacks this service handles; every other command is acknowledged and counted. */
enum CallbackCommand {
    BEFORE_SEND("C2C.CallbackBeforeSendMsg"),
    AFTER_SEND("C2C.CallbackAfterSendMsg"),
    AFTER_WITHDRAW("C2C.CallbackAfterMsgWithDraw"),
    /** Carries no MsgSeq yet, so nothing to record: answered "allow" at once and counted. */
    GROUP_BEFORE_SEND("Group.CallbackBeforeSendMsg"),
    GROUP_AFTER_SEND("Group.CallbackAfterSendMsg"),
    GROUP_AFTER_RECALL("Group.CallbackAfterRecallMsg");

    private final String wireName;

    CallbackCommand(String wireName) {
        this.wireName = wireName;
    }

    String wireName() {
        return wireName;
    }

    /** A before-callback: its answer decides whether the message is delivered, so it is always "allow". */
    boolean isBeforeSend() {
        return this == BEFORE_SEND || this == GROUP_BEFORE_SEND;
    }

    boolean isGroup() {
        return this == GROUP_BEFORE_SEND || this == GROUP_AFTER_SEND || this == GROUP_AFTER_RECALL;
    }

    static Optional<CallbackCommand> of(String wireName) {
        return Arrays.stream(values()).filter(command -> command.wireName.equals(wireName)).findFirst();
    }
}
