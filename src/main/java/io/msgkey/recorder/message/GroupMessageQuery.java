package io.msgkey.recorder.message;

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

    private GroupMessageQuery(long sdkAppId, MessageFilter filter, String sender, boolean matchesNothing) {
        this.sdkAppId = sdkAppId;
        this.filter = filter;
        this.sender = sender;
        this.matchesNothing = matchesNothing;
    }

    public static GroupMessageQuery of(long sdkAppId, MessageFilter filter) {
        boolean senderConflict = filter.from() != null && filter.user() != null && !filter.from().equals(filter.user());
        return new GroupMessageQuery(sdkAppId, filter, filter.from() != null ? filter.from() : filter.user(),
                !filter.coversGroups() || !filter.state().matchesGroupMessages() || senderConflict);
    }

    /** True when the filter cannot match a group message: one-to-one only, undelivered, two different senders. */
    public boolean matchesNothing() {
        return matchesNothing;
    }

    /** Up to {@code limit} whole rows after {@code after} (null for the first page), newest first. */
    MessageQuery.Sql page(MessageQuery.Position after, int limit) {
        List<Object> parameters = new ArrayList<>();
        StringBuilder sql = new StringBuilder("SELECT g.* FROM group_message g WHERE ").append(conditions(parameters));
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
        if (filter.state().groupPredicate() != null) {
            sql.append(" AND ").append(filter.state().groupPredicate());
        }
        return sql.toString();
    }
}
