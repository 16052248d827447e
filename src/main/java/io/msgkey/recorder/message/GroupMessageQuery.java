package io.msgkey.recorder.message;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * SQL for the group side of a {@link MessageFilter}: pure equality on the app, the group and the sender, then the
 * time range, so that each filter is a range scan on one of the group_message indexes, newest first. Group messages
 * have no recipient: {@code from} and {@code user} both name the sender.
 */
public final class GroupMessageQuery {

    private static final String ORDER = " ORDER BY g.msg_time DESC, g.id DESC";

    private final long sdkAppId;
    private final MessageFilter filter;
    private final String sender;
    private final boolean matchesNothing;
    private final String statePredicate;
    private final boolean keysFirst;

    private GroupMessageQuery(long sdkAppId, MessageFilter filter, String sender, boolean matchesNothing,
            String statePredicate, boolean keysFirst) {
        this.sdkAppId = sdkAppId;
        this.filter = filter;
        this.sender = sender;
        this.matchesNothing = matchesNothing;
        this.statePredicate = statePredicate;
        this.keysFirst = keysFirst;
    }

    public static GroupMessageQuery of(long sdkAppId, MessageFilter filter) {
        return of(sdkAppId, filter, filter.state().groupPredicate(), filter.state().rare());
    }

    /**
     * What a recall job freezes of the group messages an {@code active} filter matches: all but those a job of this
     * service recalled, as for one-to-one messages ({@link MessageQuery#recallable}): an echo can be forged.
     */
    public static GroupMessageQuery recallable(long sdkAppId, MessageFilter filter) {
        return of(sdkAppId, filter, MessageRecallMarks.GROUP_NOT_RECALLED_BY_JOB, false);
    }

    private static GroupMessageQuery of(long sdkAppId, MessageFilter filter, String statePredicate,
            boolean keysFirst) {
        boolean senderConflict = filter.from() != null && filter.user() != null && !filter.from().equals(filter.user());
        return new GroupMessageQuery(sdkAppId, filter, filter.from() != null ? filter.from() : filter.user(),
                !filter.coversGroups() || !filter.state().matchesGroupMessages() || senderConflict, statePredicate,
                keysFirst);
    }

    /** True when the filter cannot match a group message: one-to-one only, undelivered, two different senders. */
    public boolean matchesNothing() {
        return matchesNothing;
    }

    /**
     * Up to {@code limit} whole rows after {@code after} (null for the first page), newest first; in a rare state the
     * page's keys first, on the index alone, as {@link MessageQuery#page}.
     */
    MessageQuery.Sql page(MessageQuery.Position after, int limit) {
        return keysFirst ? MessageQuery.byKeys(keyset("g.id, g.msg_time", null, after, limit), "group_message g", "g")
                : keyset("g.*", null, after, limit);
    }

    /**
     * One chunk of what a recall job freezes, as {@link MessageQuery#chunk}: up to {@code limit} rows of the given
     * columns over {@code g}, with ids up to {@code bound}, older than the position, newest first.
     */
    public MessageQuery.Sql chunk(String columns, long bound, Instant afterTime, Long afterId, int limit) {
        return keyset(columns, bound, afterTime == null ? null : new MessageQuery.Position(afterTime, afterId), limit);
    }

    private MessageQuery.Sql keyset(String columns, Long bound, MessageQuery.Position after, int limit) {
        List<Object> parameters = new ArrayList<>();
        StringBuilder sql = new StringBuilder("SELECT " + columns + " FROM group_message g WHERE ")
                .append(conditions(parameters));
        if (bound != null) {
            sql.append(" AND g.id <= ?");
            parameters.add(bound);
        }
        if (after != null) {
            sql.append(" AND (g.msg_time, g.id) < (?, ?)");
            parameters.add(after.msgTime());
            parameters.add(after.id());
        }
        sql.append(ORDER).append(" LIMIT ?");
        parameters.add(limit);
        return MessageQuery.numbered(sql.toString(), parameters);
    }

    public MessageQuery.Sql count() {
        List<Object> parameters = new ArrayList<>();
        return MessageQuery.numbered("SELECT count(*) FROM group_message g WHERE " + conditions(parameters),
                parameters);
    }

    private String conditions(List<Object> parameters) {
        StringBuilder sql = new StringBuilder("g.sdk_app_id = ?");
        parameters.add(sdkAppId);
        if (filter.group() != null) {
            sql.append(" AND g.group_id = ?");
            parameters.add(filter.group());
        }
        if (sender != null) {
            sql.append(" AND g.from_account = ?");
            parameters.add(sender);
        }
        if (filter.since() != null) {
            sql.append(" AND g.msg_time >= ?");
            parameters.add(filter.since());
        }
        if (filter.until() != null) {
            sql.append(" AND g.msg_time < ?");
            parameters.add(filter.until());
        }
        if (statePredicate != null) {
            sql.append(" AND ").append(statePredicate);
        }
        return sql.toString();
    }
}
