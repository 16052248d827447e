package io.msgkey.recorder.testing;

import java.util.List;

/** What Tencent is assumed to count: calls inside any sliding second. */
public final class SlidingSecond {

    private SlidingSecond() {
    }

    /** The most timestamps (ms, sorted) inside any window [t, t + 1000). */
    public static int busiest(List<Long> sortedMillis) {
        int busiest = 0;
        int from = 0;
        for (int to = 0; to < sortedMillis.size(); to++) {
            while (sortedMillis.get(to) - sortedMillis.get(from) >= 1000) {
                from++;
            }
            busiest = Math.max(busiest, to - from + 1);
        }
        return busiest;
    }
}
