package io.msgkey.recorder.subject;

import java.util.List;

/**
 * A table of message records that names accounts, and the columns that do: what a data subject's count and erasure
 * cover. Every such table is one entry of {@link #ALL}, the one list erasure walks. Each column must lead an index after
 * {@code sdk_app_id}, so that every chunk of an erasure is an index range scan.
 */
public record SubjectTable(String table, List<String> accountColumns) {

    public static final List<SubjectTable> ALL = List.of(
            new SubjectTable("message", List.of("from_account", "to_account")),
            new SubjectTable("group_message", List.of("from_account")));

    /** SQL true when the row (no alias) names the account bound at parameter {@code ?n} in any of the columns. */
    String namesAccount(int n) {
        return "(" + String.join(" OR ", accountColumns.stream().map(column -> column + " = ?" + n).toList()) + ")";
    }
}
