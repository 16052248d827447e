package io.msgkey.recorder.tencent;

/** The admin API commands Tencent rate-limits, each separately: each has a pace of its own in the limiter. */
public enum RateLimitedCommand {
    ADMIN_MSGWITHDRAW("admin_msgwithdraw"),
    ADMIN_GETROAMMSG("admin_getroammsg"),
    RECENTCONTACT_GET_LIST("recentcontact/get_list"),
    GROUP_MSG_RECALL("group_open_http_svc/group_msg_recall");

    private final String command;

    RateLimitedCommand(String command) {
        this.command = command;
    }

    public String command() {
        return command;
    }
}
