package io.msgkey.recorder.tencent;

import java.util.Arrays;
import java.util.concurrent.TimeUnit;

/**
 * The last {@code limit} send times of this process. The shared pace hands out evenly spaced slots, but threads that
 * wake late for their slots (a GC pause, a busy CPU) would leave together; this makes sure no window of the given
 * length ever holds more than {@code limit} sends from this instance, and that a backlog drains at no more than twice
 * the rate instead of as one burst.
 */
final class SendWindow {

    private final long[] sends;
    private final long windowNanos;
    private final long minGapNanos;
    private int oldest;

    SendWindow(int limit, long windowNanos) {
        this.sends = new long[limit];
        this.windowNanos = windowNanos;
        this.minGapNanos = windowNanos / limit / 2;
        long longAgo = System.nanoTime() - windowNanos;
        Arrays.fill(sends, longAgo);
    }

    /** Waits, if needed, until one more send keeps the window within its limit, and records that send. */
    void enter() throws InterruptedException {
        while (true) {
            long wait;
            synchronized (this) {
                long now = System.nanoTime();
                int newest = (oldest + sends.length - 1) % sends.length;
                wait = Math.max(sends[oldest] + windowNanos - now, sends[newest] + minGapNanos - now);
                if (wait <= 0) {
                    sends[oldest] = now;
                    oldest = (oldest + 1) % sends.length;
                    return;
                }
            }
            TimeUnit.NANOSECONDS.sleep(wait);
        }
    }
}
