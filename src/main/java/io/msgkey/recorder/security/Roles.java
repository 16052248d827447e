package io.msgkey.recorder.security;

/** The two roles: moderators act, auditors watch. */
public final class Roles {

    /** Searches messages and creates, confirms and cancels recall jobs. */
    public static final String MODERATOR = "moderator";
    /** Reads jobs, items and the audit log, and exports them; changes nothing. */
    public static final String AUDITOR = "auditor";

    private Roles() {
    }
}
