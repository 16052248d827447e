package io.msgkey.recorder.webhook;

import java.util.Arrays;
import java.util.Optional;

/** The callbacks this service records; every other command is acknowledged and counted. */
enum CallbackCommand {
    BEFORE_SEND("C2C.CallbackBeforeSendMsg"),
    AFTER_SEND("C2C.CallbackAfterSendMsg"),
    AFTER_WITHDRAW("C2C.CallbackAfterMsgWithDraw");

    private final String wireName;

    CallbackCommand(String wireName) {
        this.wireName = wireName;
    }

    String wireName() {
        return wireName;
    }

    static Optional<CallbackCommand> of(String wireName) {
        return Arrays.stream(values()).filter(command -> command.wireName.equals(wireName)).findFirst();
    }
}
