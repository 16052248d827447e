package io.msgkey.recorder.tencent;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The sends of this process that Tencent may still count, as they reach the wire. The shared pace hands out evenly
 * spaced slots, but a request can spend tens of milliseconds between its caller and the socket (a busy CPU, a GC pause,
 * a cold JIT: 45 ms measured on the 2-core machine while the job's own database work ran), and requests delayed
 * together then arrive together, bunched with the ones behind them. So a caller passes only when its send, whenever it
 * reaches the wire, cannot make a window of the given length hold more than {@code limit} sends: the sends already on
 * the wire within the window, plus those that passed and are still on their way ({@code pending}), plus itself.
 * Counting where requests leave rather than where callers pass keeps the window true whatever delays them in between,
 * so the jitter allowance only has to cover the path beyond the socket. A backlog drains at no more than twice the
 * rate instead of as one burst.
 * <p>
 * A request is named by a key (its {@code random} parameter); one that ends without reaching the wire (a refused
 * connection) stops counting as pending when its caller says it {@link #ended}.
 */
final class SendWindow {

    private final long[] wired;
    private final long windowNanos;
    private final long minGapNanos;
    private final Ticker ticker;
    private final Map<Long, Integer> pending = new HashMap<>();
    private int pendingCount;
    private int oldest;
    private long lastPass;

    SendWindow(int limit, long windowNanos) {
        this(limit, windowNanos, Ticker.SYSTEM);
    }

    SendWindow(int limit, long windowNanos, Ticker ticker) {
        this.ticker = ticker;
        this.wired = new long[limit];
        this.windowNanos = windowNanos;
        this.minGapNanos = windowNanos / limit / 2;
        long longAgo = ticker.nanoTime() - 2 * windowNanos;
        Arrays.fill(wired, longAgo);
        this.lastPass = longAgo;
    }

    /** Waits, if needed, until one more send keeps every window within its limit, and counts it as pending. */
    void enter(long key) throws InterruptedException {
        while (true) {
            long wait;
            synchronized (this) {
                long now = ticker.nanoTime();
                // with p sends pending, this one may join the wire once the p-th oldest of the last wired left the
                // window: the others and the pending ones then make up the limit
                long bound = pendingCount < wired.length ? wired[(oldest + pendingCount) % wired.length] + windowNanos
                        : now + minGapNanos;
                wait = Math.max(bound - now, lastPass + minGapNanos - now);
                if (wait <= 0) {
                    pending.merge(key, 1, Integer::sum);
                    pendingCount++;
                    lastPass = now;
                    return;
                }
            }
            ticker.sleep(wait);
        }
    }

    /** The request of this key reaches the wire now. */
    synchronized void wired(long key) {
        if (release(key)) {
            wired[oldest] = ticker.nanoTime();
            oldest = (oldest + 1) % wired.length;
        }
    }

    /** The request of this key is over; if it never reached the wire, it no longer counts. */
    synchronized void ended(long key) {
        release(key);
    }

    synchronized int pending() {
        return pendingCount;
    }

    private boolean release(long key) {
        Integer count = pending.get(key);
        if (count == null) {
            return false;
        }
        if (count == 1) {
            pending.remove(key);
        } else {
            pending.put(key, count - 1);
        }
        pendingCount--;
        return true;
    }

    /** The time source and the sleep, apart so that a test can run a window on a clock of its own. */
    interface Ticker {
        Ticker SYSTEM = new Ticker() {
            @Override
            public long nanoTime() {
                return System.nanoTime();
            }

            @Override
            public void sleep(long nanos) throws InterruptedException {
                TimeUnit.NANOSECONDS.sleep(nanos);
            }
        };

        long nanoTime();

        void sleep(long nanos) throws InterruptedException;
    }
}
