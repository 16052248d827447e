package io.msgkey.recorder.tencent;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/**
 * The local window of sends, entered by one caller in turn. A send is noted after {@code enter} returns, so it is
 * noted no earlier than it left, and before the next one starts: a send noted {@code limit + 1} places later left
 * at least a window after it. Only such lower bounds are checked, which a busy machine cannot break.
 */
class SendWindowTest {

    private static final int LIMIT = 4;
    private static final long WINDOW = TimeUnit.MILLISECONDS.toNanos(200);
    private static final long STALL = TimeUnit.MILLISECONDS.toNanos(20);

    @Test
    void noWindowEverHoldsMoreThanTheLimitAndABacklogDrainsAtMostTwiceAsFast() throws Exception {
        SendWindow window = new SendWindow(LIMIT, WINDOW, STALL);
        List<Long> noted = new ArrayList<>();

        for (int i = 0; i < 3 * LIMIT; i++) {
            window.enter();
            noted.add(System.nanoTime());
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
        SendWindow window = new SendWindow(LIMIT, WINDOW, STALL);
        window.enter();
        TimeUnit.NANOSECONDS.sleep(WINDOW * 3 / 4);
        long silenceEnded = System.nanoTime();

        for (int i = 0; i < LIMIT; i++) {
            window.enter();
        }

        assertThat(System.nanoTime() - silenceEnded).as("the held-back send shares the window that follows the silence")
                .isGreaterThanOrEqualTo(WINDOW);
    }

    @Test
    void aSilenceLongerThanTheWindowIsIdlenessAndHoldsNothingBack() throws Exception {
        SendWindow window = new SendWindow(LIMIT, WINDOW, STALL);
        long started = System.nanoTime();
        for (int i = 0; i < LIMIT; i++) {
            window.enter();
        }
        long fresh = System.nanoTime() - started;
        TimeUnit.NANOSECONDS.sleep(WINDOW * 3 / 2);
        long resumed = System.nanoTime();
        for (int i = 0; i < LIMIT; i++) {
            window.enter();
        }
        long afterIdle = System.nanoTime() - resumed;

        assertThat(fresh).as("a fresh window").isLessThan(WINDOW * 3 / 4);
        assertThat(afterIdle).as("after an idle gate").isLessThan(WINDOW * 3 / 4);
    }
}
