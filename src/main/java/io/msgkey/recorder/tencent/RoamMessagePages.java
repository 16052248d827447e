package io.msgkey.recorder.tencent;

import java.util.Collections;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.function.Function;

import io.msgkey.recorder.tencent.TencentAdminApi.RoamQuery;

/**
 * admin_getroammsg's paging, one page fetched when the previous one is used up: while Complete is 0, ask again with
 * MaxTime = LastMsgTime and the LastMsgKey, same MinTime. Pages walk backwards in time.
 */
final class RoamMessagePages implements Iterator<RoamMessage> {

    private static final int PAGE_SIZE = 100;

    private final String operator;
    private final String peer;
    private final long minTime;
    private final Function<RoamQuery, TencentReply> fetch;
    private long maxTime;
    private String lastMsgKey;
    private boolean complete;
    private Iterator<RoamMessage> page = Collections.emptyIterator();

    RoamMessagePages(String operator, String peer, long minTime, long maxTime, Function<RoamQuery, TencentReply> fetch) {
        this.operator = operator;
        this.peer = peer;
        this.minTime = minTime;
        this.maxTime = maxTime;
        this.fetch = fetch;
    }

    @Override
    public boolean hasNext() {
        while (!page.hasNext() && !complete) {
            fetchPage();
        }
        return page.hasNext();
    }

    @Override
    public RoamMessage next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        return page.next();
    }

    private void fetchPage() {
        TencentReply reply = fetch.apply(RoamQuery.page(operator, peer, PAGE_SIZE, minTime, maxTime, lastMsgKey));
        page = reply.msgList() == null ? Collections.emptyIterator()
                : reply.msgList().stream().map(RoamMessage::of).iterator();
        complete = reply.complete() == null || reply.complete() == 1;
        if (complete) {
            return;
        }
        if (reply.lastMsgKey() == null || reply.lastMsgTime() == null
                || (reply.lastMsgKey().equals(lastMsgKey) && reply.lastMsgTime() == maxTime)) {
            throw new TencentFailure(TencentError.UNKNOWN, null,
                    "admin_getroammsg returned Complete=0 without a new LastMsgKey/LastMsgTime");
        }
        maxTime = reply.lastMsgTime();
        lastMsgKey = reply.lastMsgKey();
    }
}
