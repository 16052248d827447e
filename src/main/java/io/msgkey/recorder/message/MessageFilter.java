package io.msgkey.recorder.message;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.msgkey.recorder.common.ApiException;
import io.msgkey.recorder.common.InstantParameter;
import io.msgkey.recorder.common.TextParameter;

/**
 * What a moderator is looking for. {@code user} means sent or received by; with {@code peer} it narrows to the
 * conversation between the two, both directions. Times bound MsgTime: since inclusive, until exclusive.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record MessageFilter(String from, String to, String user, String peer, Instant since, Instant until,
        MessageState state) {

    /**
     * Validates raw parameters, naming the one at fault. Blank values count as absent, as HTML forms send them, and
     * account ids are trimmed.
     */
    public static MessageFilter of(String from, String to, String user, String peer, String since, String until,
            String state) {
        return new MessageFilter(from, to, user, peer, InstantParameter.parse("since", since),
                InstantParameter.parse("until", until), MessageState.parse(state)).validated();
    }

    public MessageFilter validated() {
        MessageFilter filter = new MessageFilter(TextParameter.accountId("from", from),
                TextParameter.accountId("to", to), TextParameter.accountId("user", user),
                TextParameter.accountId("peer", peer), since, until, state == null ? MessageState.ACTIVE : state);
        if (filter.peer != null && filter.user == null) {
            throw ApiException.badParameter("peer", "peer needs user: together they name a conversation");
        }
        if (filter.from == null && filter.to == null && filter.user == null && filter.since == null
                && filter.until == null) {
            throw ApiException.badParameter("from", "give at least one of from, to, user, since or until");
        }
        if (filter.since != null && filter.until != null && !filter.until.isAfter(filter.since)) {
            throw ApiException.badParameter("until", "until must be later than since");
        }
        return filter;
    }
}
