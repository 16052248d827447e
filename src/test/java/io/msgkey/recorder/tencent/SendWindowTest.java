package io.msgkey.recorder.tencent;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/**
 * The local window of sends, entered by one caller in turn, on a clock that only its sleeps move: a busy machine
 * cannot stretch a silence past the window and turn a stall into idleness (a real 150 ms sleep once took over 200 ms
 * in CI). A send is noted after {@code enter} returns, so a send noted {@code limit + 1} places later left at least a
 * window after it.
 */
class SendWindowTest {

    private static final int LIMIT = 4;
    private static final long WINDOW = TimeUnit.MILLISECONDS.toNanos(200);
    private static final long STALL = TimeUnit.MILLISECONDS.toNanos(20);

    private final SleepClock clock = new SleepClock();

    @Test
    void noWindowEverHoldsMoreThanTheLimitAndABacklogDrainsAtMostTwiceAsFast() throws Exception {
        SendWindow window = new SendWindow(LIMIT, WINDOW, STALL, clock);
        List<Long> noted = new ArrayList<>();

        for (int i = 0; i < 3 * LIMIT; i++) {
            window.enter();
            noted.add(clock.nanoTime());
        }

        for (int i = LIMIT + 1; i < noted.size(); i++) {
            assertThat(noted.get(i) - noted.get(i - LIMIT - 1)).as("send %d", i).isGreaterThanOrEqualTo(WINDOW);
        }
        for (int i = 2; i < noted.size(); i++) {
            assertThat(noted.get(i) - noted.get(i - 2)).as("send %d", i).isGreaterThanOrEqualTo(WINDOW / LIMIT / 2);
        }
    }

    @Test
    void aSendNotedJustBeforeASilenceCountsAsLeavingWhenTheSilenceEnds() throws Exception {
        SendWindow window = new SendWindow(LIMIT, WINDOW, STALL, clock);
        window.enter();
        clock.sleep(WINDOW * 3 / 4);
        long silenceEnded = clock.nanoTime();

        for (int i = 0; i < LIMIT; i++) {
            window.enter();
        }

        assertThat(clock.nanoTime() - silenceEnded).as("the held-back send shares the window that follows the silence")
                .isGreaterThanOrEqualTo(WINDOW);
    }

    @Test
    void aSilenceLongerThanTheWindowIsIdlenessAndHoldsNothingBack() throws Exception {
        SendWindow window = new SendWindow(LIMIT, WINDOW, STALL, clock);
        long started = clock.nanoTime();
        for (int i = 0; i < LIMIT; i++) {
            window.enter();
        }
        long fresh = clock.nanoTime() - started;
        clock.sleep(WINDOW * 3 / 2);
        long resumed = clock.nanoTime();
        for (int i = 0; i < LIMIT; i++) {
            window.enter();
        }
        long afterIdle = clock.nanoTime() - resumed;

        assertThat(fresh).as("a fresh window").isLessThan(WINDOW * 3 / 4);
        assertThat(afterIdle).as("after an idle gate").isLessThan(WINDOW * 3 / 4);
    }

    private static final class SleepClock implements SendWindow.Ticker {
        private long now = TimeUnit.DAYS.toNanos(1);

        @Override
        public long nanoTime() {
            return now;
        }

        @Override
        public void sleep(long nanos) {
            now += nanos;
        }
    }
}
