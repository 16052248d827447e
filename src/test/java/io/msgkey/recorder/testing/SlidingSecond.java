package io.msgkey.recorder.testing;

import java.util.List;

/** What Tencent is assumed to count: calls inside any sliding second. */
public final class SlidingSecond {

    private SlidingSecond() {
    }

    /** The most timestamps (ms, sorted) inside any window [t, t + 1000). */
    public static int busiest(List<Long> sortedMillis) {
        return busiest(sortedMillis, 1000);
    }

    /** The most timestamps (ms, sorted) inside any window [t, t + windowMillis). */
    public static int busiest(List<Long> sortedMillis, long windowMillis) {
        int busiest = 0;
        int from = 0;
        for (int to = 0; to < sortedMillis.size(); to++) {
            while (sortedMillis.get(to) - sortedMillis.get(from) >= windowMillis) {
                from++;
            }
            busiest = Math.max(busiest, to - from + 1);
        }
        return busiest;
    }

    /**
     * How much the delays between two equally long series of moments (sent, arrived; ms, sorted) differ at least: the
     * spread (largest minus smallest) of the delays when the i-th arrival is paired with the i-th send, which no other
     * pairing beats (swapping two crossed pairs never widens it).
     */
    public static long delaySpread(List<Long> sortedSent, List<Long> sortedArrived) {
        long least = Long.MAX_VALUE;
        long most = Long.MIN_VALUE;
        for (int i = 0; i < sortedSent.size(); i++) {
            long delay = sortedArrived.get(i) - sortedSent.get(i);
            least = Math.min(least, delay);
            most = Math.max(most, delay);
        }
        return most - least;
    }
}
