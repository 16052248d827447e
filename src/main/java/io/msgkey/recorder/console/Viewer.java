package io.msgkey.recorder.console;

import io.msgkey.recorder.security.Roles;
import io.quarkus.security.identity.SecurityIdentity;

/** Who is looking at a console page, and what the page may offer them. */
public record Viewer(String name, boolean moderator, boolean auditor, boolean compliance,
        int secondApproverAbove) {

    static Viewer of(SecurityIdentity identity, int secondApproverAbove) {
        return new Viewer(identity.getPrincipal().getName(), identity.hasRole(Roles.MODERATOR),
                identity.hasRole(Roles.AUDITOR), identity.hasRole(Roles.COMPLIANCE), secondApproverAbove);
    }

    /** The page to land on after signing in. */
    String home() {
        return moderator ? "/console/search" : compliance && !auditor ? "/console/compliance" : "/console/jobs";
    }
}
