package io.msgkey.recorder.recall;

import java.util.Arrays;
import java.util.stream.Collectors;

import io.msgkey.recorder.common.ApiException;

/** Where a message of a job stands. Everything but PENDING is final. */
public enum ItemOutcome {
    PENDING,
    RECALLED,
    /** Tencent said 20023, or the message was already marked recalled and no call was made. */
    ALREADY_RECALLED,
    /** Tencent said 20022: no such message (e.g. past the roaming period). */
    NOT_FOUND,
    /** Tencent refused the request for this message (90001, 90003, 90008, 90054, 70402). */
    INVALID,
    /** Retries ran out, or Tencent answered a code this service does not know; the code is kept. */
    FAILED,
    /** Not attempted: the job was cancelled, or the message turned out never to have been delivered. */
    SKIPPED;

    static ItemOutcome parse(String value) {
        return Arrays.stream(values()).filter(outcome -> outcome.name().equalsIgnoreCase(value)).findFirst()
                .orElseThrow(() -> ApiException.badParameter("outcome", "outcome must be one of "
                        + Arrays.stream(values()).map(Enum::name).collect(Collectors.joining(", "))));
    }
}
