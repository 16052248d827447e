package io.msgkey.recorder.message;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.persistence.Query;

/**
 * SQL for the one-to-one side of a {@link MessageFilter} ({@link GroupMessageQuery} is the group side). A filter becomes one or
 * two branches of pure equality on sender and recipient
 * ("sent or received by" is two: as sender, and as recipient from someone else), so each branch is a range scan on one
 * of the message indexes, newest first; two branches are merged with UNION ALL, never with OR, which would defeat
 * the index order.
 */
public final class MessageQuery {

    private static final String ORDER = " ORDER BY msg_time DESC, id DESC";

    /** SQL text with numbered placeholders and the values for them, in order. */
    public record Sql(String text, List<Object> parameters) {

        public Query bind(Query query) {
            for (int i = 0; i < parameters.size(); i++) {
                query.setParameter(i + 1, parameters.get(i));
            }
            return query;
        }
    }

    /** Where a page ends: the keyset of its last row. */
    public record Position(Instant msgTime, long id) {
    }

    private record Branch(String from, String to, String notFrom) {
    }

    private final long sdkAppId;
    private final MessageFilter filter;
    private final List<Branch> branches;
    private final String statePredicate;
    private final boolean keysFirst;

    private MessageQuery(long sdkAppId, MessageFilter filter, List<Branch> branches, String statePredicate,
            boolean keysFirst) {
        this.sdkAppId = sdkAppId;
        this.filter = filter;
        this.branches = branches;
        this.statePredicate = statePredicate;
        this.keysFirst = keysFirst;
    }

    public static MessageQuery of(long sdkAppId, MessageFilter filter) {
        return of(sdkAppId, filter, filter.state().predicate(), filter.state().rare());
    }

    /**
     * What a recall job freezes for an {@code active} filter: every matching message but those a job of this service
     * recalled. Recall and failed-send marks that came from callbacks do not narrow it, since anyone holding one signed
     * callback URL could forge them to shield a message; Tencent answers 20023 or 20022 for the real ones.
     */
    public static MessageQuery recallable(long sdkAppId, MessageFilter filter) {
        return of(sdkAppId, filter, MessageRecallMarks.NOT_RECALLED_BY_JOB, false);
    }

    private static MessageQuery of(long sdkAppId, MessageFilter filter, String statePredicate, boolean keysFirst) {
        List<Branch> candidates = new ArrayList<>();
        if (!filter.coversOneToOne()) {
            return new MessageQuery(sdkAppId, filter, List.of(), statePredicate, keysFirst);
        }
        if (filter.user() == null) {
            candidates.add(new Branch(null, null, null));
        } else if (filter.peer() != null) {
            candidates.add(new Branch(filter.user(), filter.peer(), null));
            if (!filter.peer().equals(filter.user())) {
                candidates.add(new Branch(filter.peer(), filter.user(), null));
            }
        } else {
            candidates.add(new Branch(filter.user(), null, null));
            candidates.add(new Branch(null, filter.user(), filter.user()));
        }
        List<Branch> branches = new ArrayList<>();
        for (Branch branch : candidates) {
            narrowed(branch, filter).ifPresent(branches::add);
        }
        return new MessageQuery(sdkAppId, filter, branches, statePredicate, keysFirst);
    }

    /** The branch with the filter's own from/to added; empty when they contradict it. */
    private static Optional<Branch> narrowed(Branch branch, MessageFilter filter) {
        if (conflicts(branch.from(), filter.from()) || conflicts(branch.to(), filter.to())) {
            return Optional.empty();
        }
        String from = branch.from() != null ? branch.from() : filter.from();
        String to = branch.to() != null ? branch.to() : filter.to();
        if (branch.notFrom() != null && branch.notFrom().equals(from)) {
            return Optional.empty();
        }
        return Optional.of(new Branch(from, to, branch.notFrom()));
    }

    private static boolean conflicts(String mine, String theirs) {
        return mine != null && theirs != null && !mine.equals(theirs);
    }

    /** True when the filter cannot match a one-to-one message, e.g. from=a with user=b and peer=c, or chat=group. */
    public boolean matchesNothing() {
        return branches.isEmpty();
    }

    /**
     * Up to {@code limit} whole rows after {@code after} (null for the first page), newest first. In a rare state
     * ({@link MessageState#rare}) the page's keys are found first: PostgreSQL checks a state on the INCLUDEd columns
     * without reading the row only in an index-only scan, and an index scan of whole rows would read every row of a
     * heavy sender's history to find a page that is not there (0.6-1.9 s warm, 4.2 s cold at 100,000 rows). Its rows
     * are then read by primary key, at most {@code limit} of them.
     */
    public Sql page(Position after, int limit) {
        return keysFirst ? byKeys(keyset("m.id, m.msg_time", null, after, limit), "message m", "m")
                : keyset("m.*", null, after, limit);
    }

    /** The rows of the keys {@code keys} selects, of the table given with its alias, newest first. */
    static Sql byKeys(Sql keys, String table, String alias) {
        return new Sql("SELECT " + alias + ".* FROM (" + keys.text() + ") k JOIN " + table + " ON " + alias
                + ".id = k.id AND " + alias + ".msg_time = k.msg_time ORDER BY " + alias + ".msg_time DESC, " + alias
                + ".id DESC", keys.parameters());
    }

    /**
     * One chunk of what a recall job freezes: up to {@code limit} rows of the given columns (which must include
     * {@code msg_time} and {@code id}) with ids up to {@code bound}, older than the position given (none for the first
     * chunk), newest first: a range scan on the filter's index per chunk, whatever the selection's size.
     */
    public Sql chunk(String columns, long bound, Instant afterTime, Long afterId, int limit) {
        return keyset(columns, bound, afterTime == null ? null : new Position(afterTime, afterId), limit);
    }

    private Sql keyset(String columns, Long bound, Position after, int limit) {
        List<Object> parameters = new ArrayList<>();
        List<String> parts = new ArrayList<>();
        for (Branch branch : branches) {
            StringBuilder sql = new StringBuilder("SELECT " + columns + " FROM message m WHERE ");
            sql.append(conditions(branch, parameters));
            if (bound != null) {
                sql.append(" AND m.id <= ?");
                parameters.add(bound);
            }
            if (after != null) {
                sql.append(" AND (m.msg_time, m.id) < (?, ?)");
                parameters.add(after.msgTime());
                parameters.add(after.id());
            }
            sql.append(ORDER).append(" LIMIT ?");
            parameters.add(limit);
            parts.add(sql.toString());
        }
        if (parts.size() == 1) {
            return numbered(parts.get(0), parameters);
        }
        parameters.add(limit);
        return numbered("SELECT * FROM ((" + String.join(") UNION ALL (", parts) + ")) m" + ORDER + " LIMIT ?",
                parameters);
    }

    public Sql count() {
        return numbered("SELECT count(*) FROM (" + union("1") + ") m", new ArrayList<>(parameters()));
    }

    private String union(String columns) {
        List<String> parts = new ArrayList<>();
        for (Branch branch : branches) {
            parts.add("SELECT " + columns + " FROM message m WHERE " + conditions(branch, new ArrayList<>()));
        }
        return String.join(" UNION ALL ", parts);
    }

    private List<Object> parameters() {
        List<Object> parameters = new ArrayList<>();
        branches.forEach(branch -> conditions(branch, parameters));
        return parameters;
    }

    private String conditions(Branch branch, List<Object> parameters) {
        StringBuilder sql = new StringBuilder("m.sdk_app_id = ?");
        parameters.add(sdkAppId);
        if (branch.from() != null) {
            sql.append(" AND m.from_account = ?");
            parameters.add(branch.from());
        }
        if (branch.to() != null) {
            sql.append(" AND m.to_account = ?");
            parameters.add(branch.to());
        }
        if (branch.notFrom() != null) {
            sql.append(" AND m.from_account <> ?");
            parameters.add(branch.notFrom());
        }
        if (filter.since() != null) {
            sql.append(" AND m.msg_time >= ?");
            parameters.add(filter.since());
        }
        if (filter.until() != null) {
            sql.append(" AND m.msg_time < ?");
            parameters.add(filter.until());
        }
        if (statePredicate != null) {
            sql.append(" AND ").append(statePredicate);
        }
        return sql.toString();
    }

    /** Hibernate's native queries take numbered placeholders. */
    static Sql numbered(String sql, List<Object> parameters) {
        StringBuilder numbered = new StringBuilder(sql.length() + 16);
        int n = 0;
        for (int i = 0; i < sql.length(); i++) {
            char c = sql.charAt(i);
            numbered.append(c);
            if (c == '?') {
                numbered.append(++n);
            }
        }
        return new Sql(numbered.toString(), List.copyOf(parameters));
    }
}
