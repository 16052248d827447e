package io.msgkey.recorder.message;

import org.jboss.resteasy.reactive.RestQuery;

/** The search filter as query parameters, shared by the search and the count. */
public record MessageFilterParameters(
        @RestQuery String from,
        @RestQuery String to,
        @RestQuery String user,
        @RestQuery String peer,
        @RestQuery String since,
        @RestQuery String until,
        @RestQuery String state,
        @RestQuery String chat,
        @RestQuery String group) {

    public MessageFilter toFilter() {
        return MessageFilter.of(from, to, user, peer, since, until, state, chat, group);
    }
}
