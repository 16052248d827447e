package io.msgkey.recorder.security;

/**
 * The roles: moderators act, auditors watch, importers (the app's server) feed the record, compliance officers answer
 * for the data it holds.
 */
public final class Roles {

    /** Searches messages and creates, confirms and cancels recall jobs. */
    public static final String MODERATOR = "moderator";
    /** Reads jobs, items and the audit log, and exports them; changes nothing. */
    public static final String AUDITOR = "auditor";
    /**
     * A service account for the app's server: forwards its sendmsg/batchsendmsg exchanges to the record, and may do
     * nothing else (no search, no jobs, no console).
     */
    public static final String IMPORTER = "importer";
    /**
     * Places and releases legal holds, answers data-subject requests (export, erasure) and runs retention; sees no
     * search and no recall.
     */
    public static final String COMPLIANCE = "compliance";

    private Roles() {
    }
}
