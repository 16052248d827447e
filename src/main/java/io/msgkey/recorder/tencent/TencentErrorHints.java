package io.msgkey.recorder.tencent;

import java.util.Map;

/** Turns the configuration errors an operator can fix into a sentence saying what to fix. */
final class TencentErrorHints {

    private static final String USERSIG = "check tencent.admin.secret-key, tencent.admin.identifier and the clock";
    private static final Map<Integer, String> HINTS = Map.ofEntries(
            Map.entry(70001, "UserSig expired even after renewal; check the server clock"),
            Map.entry(70003, USERSIG),
            Map.entry(70005, USERSIG),
            Map.entry(70009, "UserSig does not verify; " + USERSIG),
            Map.entry(70013, USERSIG),
            Map.entry(70014, USERSIG),
            Map.entry(70016, USERSIG),
            Map.entry(70020, "SDKAppID not found; check tencent.sdk-app-id"),
            Map.entry(60020, "the app is disabled or in arrears in Tencent's console"),
            Map.entry(60021, "the app is disabled or in arrears in Tencent's console"),
            Map.entry(60026, "wrong region: the app lives elsewhere; check tencent.api.region"),
            Map.entry(90009, "tencent.admin.identifier is not an app admin account"));

    private TencentErrorHints() {
    }

    static String describe(TencentReply reply) {
        String info = reply.errorInfo() == null || reply.errorInfo().isBlank() ? "error " + reply.errorCode()
                : reply.errorInfo();
        String hint = HINTS.get(reply.errorCode());
        return hint == null ? info : info + " (" + hint + ")";
    }
}
