package io.msgkey.recorder.tencent;

/** Tencent rate-limits each admin API separately, so each has its own limiter. */
public enum TencentApi {
    ADMIN_MSGWITHDRAW("admin_msgwithdraw"),
    ADMIN_GETROAMMSG("admin_getroammsg");

    private final String command;

    TencentApi(String command) {
        this.command = command;
    }

    public String command() {
        return command;
    }
}
