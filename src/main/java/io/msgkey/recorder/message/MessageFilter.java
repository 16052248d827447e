package io.msgkey.recorder.message;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.msgkey.recorder.common.ApiException;
import io.msgkey.recorder.common.InstantParameter;
import io.msgkey.recorder.common.TextParameter;

/**
 * What a moderator is looking for. {@code user} means sent or received by (group messages have no recipient: there it
 * means sent by); with {@code peer} it narrows to the conversation between the two, both directions. Times bound
 * MsgTime: since inclusive, until exclusive. {@code chat} says which chats are searched; {@code group} (a GroupId)
 * searches that group only, and {@code to} and {@code peer}, which only one-to-one messages have, limit a search
 * to one-to-one messages.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record MessageFilter(String from, String to, String user, String peer, Instant since, Instant until,
        MessageState state, Chat chat, String group) {

    /**
     * Validates raw parameters, naming the one at fault. Blank values count as absent, as HTML forms send them, and
     * account ids are trimmed.
     */
    public static MessageFilter of(String from, String to, String user, String peer, String since, String until,
            String state, String chat, String group) {
        return new MessageFilter(from, to, user, peer, InstantParameter.parse("since", since),
                InstantParameter.parse("until", until), MessageState.parse(state), Chat.parse(chat), group)
                .validated();
    }

    public MessageFilter validated() {
        String recipient = TextParameter.accountId("to", to);
        String conversation = TextParameter.accountId("peer", peer);
        String groupId = TextParameter.accountId("group", group);
        String oneToOneOnly = recipient != null ? "to" : conversation != null ? "peer" : null;
        MessageFilter filter = new MessageFilter(TextParameter.accountId("from", from), recipient,
                TextParameter.accountId("user", user), conversation, since, until,
                state == null ? MessageState.ACTIVE : state, chats(oneToOneOnly, groupId), groupId);
        if (filter.peer != null && filter.user == null) {
            throw ApiException.badParameter("peer", "peer needs user: together they name a conversation");
        }
        if (filter.from == null && filter.to == null && filter.user == null && filter.since == null
                && filter.until == null && filter.group == null) {
            throw ApiException.badParameter("from", "give at least one of from, to, user, group, since or until");
        }
        if (filter.since != null && filter.until != null && !filter.until.isAfter(filter.since)) {
            throw ApiException.badParameter("until", "until must be later than since");
        }
        return filter;
    }

    /** Whether one-to-one messages are searched. */
    public boolean coversOneToOne() {
        return chat != Chat.GROUP;
    }

    /** Whether group messages are searched; not by a filter without {@code chat}, saved before there were any. */
    public boolean coversGroups() {
        return chat == Chat.GROUP || chat == Chat.ALL;
    }

    /**
     * The chats searched, once {@code group} and a parameter only one-to-one messages have ({@code to}, {@code peer})
     * have said what they imply.
     */
    private Chat chats(String oneToOneOnly, String groupId) {
        Chat asked = chat == null ? Chat.ALL : chat;
        if (groupId != null) {
            if (asked == Chat.C2C) {
                throw ApiException.badParameter("group", "group names a group chat; it cannot go with chat=c2c");
            }
            asked = Chat.GROUP;
        }
        if (oneToOneOnly == null) {
            return asked;
        }
        if (asked == Chat.GROUP) {
            throw ApiException.badParameter(oneToOneOnly, oneToOneOnly + " applies to one-to-one messages only "
                    + "(group messages have no recipient); leave it out to search groups");
        }
        return Chat.C2C;
    }
}
