package io.msgkey.recorder.tencent;

import java.util.Arrays;
import java.util.concurrent.TimeUnit;

/**
 * The last {@code limit} send times of this process. The shared pace hands out evenly spaced slots, but threads that
 * wake late for their slots (a GC pause, a busy CPU) would leave together; this makes sure no window of the given
 * length ever holds more than {@code limit} sends from this instance, and that a backlog drains at no more than twice
 * the rate instead of as one burst.
 * <p>
 * A send is noted when its caller passes, not when its bytes reach Tencent. A stall of the whole process (a GC pause)
 * holds the requests that passed just before it between here and the wire, and they arrive together with the backlog
 * that builds up behind the stall: a 62 ms G1 pause put 201 to 205 calls into one sliding second at a strict stub. So
 * when the process wakes from a silence nobody planned (no caller sleeping for a slot, shorter than the window: an idle
 * gate is not a stall), the sends noted within {@code stallNanos} before it count as leaving now.
 */
final class SendWindow {

    private final long[] sends;
    private final long windowNanos;
    private final long minGapNanos;
    private final long stallNanos;
    private final long silenceNanos;
    private final Ticker ticker;
    private int oldest;
    private long quietUntil;

    SendWindow(int limit, long windowNanos, long stallNanos) {
        this(limit, windowNanos, stallNanos, Ticker.SYSTEM);
    }

    SendWindow(int limit, long windowNanos, long stallNanos, Ticker ticker) {
        this.ticker = ticker;
        this.sends = new long[limit];
        this.windowNanos = windowNanos;
        this.minGapNanos = windowNanos / limit / 2;
        this.stallNanos = stallNanos;
        this.silenceNanos = Math.max(stallNanos, 2 * windowNanos / limit);
        long longAgo = ticker.nanoTime() - 2 * windowNanos;
        Arrays.fill(sends, longAgo);
        this.quietUntil = longAgo;
    }

    /** Waits, if needed, until one more send keeps the window within its limit, and records that send. */
    void enter() throws InterruptedException {
        while (true) {
            long wait;
            synchronized (this) {
                long now = ticker.nanoTime();
                int newest = newest();
                long silence = Math.min(now - sends[newest], now - quietUntil);
                if (silence > silenceNanos && silence <= windowNanos) {
                    noteHeldBack(newest, now);
                }
                wait = Math.max(sends[oldest] + windowNanos - now, sends[newest] + minGapNanos - now);
                if (wait <= 0) {
                    sends[oldest] = now;
                    oldest = (oldest + 1) % sends.length;
                    return;
                }
                quietUntil = now + wait - quietUntil > 0 ? now + wait : quietUntil;
            }
            ticker.sleep(wait);
        }
    }

    private int newest() {
        return (oldest + sends.length - 1) % sends.length;
    }

    private void noteHeldBack(int newest, long now) {
        long from = sends[newest] - stallNanos;
        for (int i = 0, at = newest; i < sends.length && sends[at] >= from; i++, at = (at + sends.length - 1) % sends.length) {
            sends[at] = now;
        }
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
