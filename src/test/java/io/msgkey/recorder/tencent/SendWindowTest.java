package io.msgkey.recorder.tencent;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/**
 * The local window of sends, entered by one caller in turn, on a clock that only its sleeps move (a busy CI machine
 * cannot stretch a real sleep). The window counts sends where they reach the wire, so a request delayed between its
 * caller and the socket still counts where it left.
 */
class SendWindowTest {

    private static final int LIMIT = 4;
    private static final long WINDOW = TimeUnit.MILLISECONDS.toNanos(200);

    private final SleepClock clock = new SleepClock();
    private final SendWindow window = new SendWindow(LIMIT, WINDOW, clock);
    private long keys;

    @Test
    void noWindowEverHoldsMoreThanTheLimitAndABacklogDrainsAtMostTwiceAsFast() throws Exception {
        List<Long> wired = new ArrayList<>();

        for (int i = 0; i < 3 * LIMIT; i++) {
            wired.add(sendAndWire());
        }

        for (int i = LIMIT; i < wired.size(); i++) {
            assertThat(wired.get(i) - wired.get(i - LIMIT)).as("send %d", i).isGreaterThanOrEqualTo(WINDOW);
        }
        for (int i = 2; i < wired.size(); i++) {
            assertThat(wired.get(i) - wired.get(i - 2)).as("send %d", i).isGreaterThanOrEqualTo(WINDOW / LIMIT / 2);
        }
    }

    @Test
    void aSendDelayedOnItsWayToTheWireCountsWhereItLeft() throws Exception {
        for (int i = 0; i < LIMIT; i++) {
            sendAndWire();
        }
        clock.sleep(WINDOW);
        long late = keys++;
        window.enter(late);
        clock.sleep(WINDOW / 2);
        window.wired(late);
        long leftLate = clock.nanoTime();

        for (int i = 1; i < LIMIT; i++) {
            sendAndWire();
        }
        long next = sendAndWire();

        assertThat(next - leftLate).as("the send after a full window that began with the late one")
                .isGreaterThanOrEqualTo(WINDOW);
    }

    @Test
    void aSendOnItsWayToTheWireCountsAsIfItLeftNow() throws Exception {
        long first = sendAndWire();
        for (int i = 1; i < LIMIT - 1; i++) {
            sendAndWire();
        }
        window.enter(keys++);

        long next = sendAndWire();

        assertThat(next - first).as("the pending send fills the window with the wired ones")
                .isGreaterThanOrEqualTo(WINDOW);
        assertThat(window.pending()).isEqualTo(1);
    }

    @Test
    void aSendThatEndsWithoutReachingTheWireNoLongerCounts() throws Exception {
        long first = sendAndWire();
        for (int i = 1; i < LIMIT - 1; i++) {
            sendAndWire();
        }
        long refused = keys++;
        window.enter(refused);
        window.ended(refused);
        window.wired(refused);

        long next = sendAndWire();

        assertThat(next - first).as("room for one more within the window").isLessThan(WINDOW);
        assertThat(window.pending()).isZero();
    }

    @Test
    void twoSendsWithTheSameKeyCountTwice() throws Exception {
        window.enter(7);
        window.enter(7);
        window.wired(7);

        assertThat(window.pending()).isEqualTo(1);
        window.ended(7);
        assertThat(window.pending()).isZero();
    }

    @Test
    void aSilenceLongerThanTheWindowHoldsNothingBack() throws Exception {
        long started = clock.nanoTime();
        for (int i = 0; i < LIMIT; i++) {
            sendAndWire();
        }
        long fresh = clock.nanoTime() - started;
        clock.sleep(WINDOW * 3 / 2);
        long resumed = clock.nanoTime();
        for (int i = 0; i < LIMIT; i++) {
            sendAndWire();
        }
        long afterIdle = clock.nanoTime() - resumed;

        assertThat(fresh).as("a fresh window").isLessThan(WINDOW * 3 / 4);
        assertThat(afterIdle).as("after an idle gate").isLessThan(WINDOW * 3 / 4);
    }

    /** One send that reaches the wire as soon as it passes; returns when it left. */
    private long sendAndWire() throws InterruptedException {
        long key = keys++;
        window.enter(key);
        window.wired(key);
        return clock.nanoTime();
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
