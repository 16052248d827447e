package io.msgkey.recorder.recall;

import jakarta.enterprise.context.ApplicationScoped;

import io.msgkey.recorder.common.ApiException;
import io.msgkey.recorder.message.MessageFilter;
import io.msgkey.recorder.message.MessageSearch;

/**
 * Until recall jobs can recall group messages, a job takes one-to-one messages only: a filter that selects group
 * messages alone is refused, and one over all chats freezes its one-to-one messages (the one-to-one query never reads
 * groups) while the preview says how many group messages it left out.
 */
@ApplicationScoped
class GroupMessagesLeftOut {

    private final MessageSearch search;

    GroupMessagesLeftOut(MessageSearch search) {
        this.search = search;
    }

    /** The active group messages the filter matches, which the job leaves out; 422 for a group-only filter. */
    long count(MessageFilter filter) {
        if (!filter.coversOneToOne()) {
            throw new ApiException(422, "group messages cannot be recalled yet; use chat=c2c",
                    filter.group() != null ? "filter.group" : "filter.chat");
        }
        return search.groupCount(filter);
    }

    /** Why nothing was frozen, when the filter matched group messages only. */
    static String nothingToRecall(long leftOut) {
        return leftOut == 0 ? "no active message matches the filter: there is nothing to recall"
                : "no active one-to-one message matches the filter, only " + leftOut + " group messages, which "
                        + "cannot be recalled yet: there is nothing to recall";
    }
}
