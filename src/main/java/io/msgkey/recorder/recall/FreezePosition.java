package io.msgkey.recorder.recall;

import java.time.Instant;

/**
 * Where freezing a job's selection stands: the highest message id when the job was requested (later rows are not
 * part of it) and the last message frozen, in the newest-first walk (none before the first chunk).
 */
record FreezePosition(long bound, Instant afterTime, Long afterId) {

    FreezePosition after(Instant time, long id) {
        return new FreezePosition(bound, time, id);
    }
}
