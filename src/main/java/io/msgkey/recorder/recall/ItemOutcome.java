package io.msgkey.recorder.recall;

import java.util.Optional;

import io.msgkey.recorder.common.EnumParameter;

/** Where a message of a job stands. Everything but PENDING is final. */
public enum ItemOutcome {
    PENDING,
    RECALLED,
    /** Tencent said 20023, or a recall job of this service had recalled the message and no call was made. */
    ALREADY_RECALLED,
    /** Tencent said 20022: no such message (e.g. past the roaming period). */
    NOT_FOUND,
    /** Tencent refused the request for this message (90001, 90003, 90008, 90054, 70402). */
    INVALID,
    /** Retries ran out, or Tencent answered a code this service does not know; the code is kept. */
    FAILED,
    /** Not attempted: the job was cancelled before its turn. */
    SKIPPED;

    /** The {@code outcome} parameter; empty when absent, which means every outcome. */
    static Optional<ItemOutcome> parse(String value) {
        return EnumParameter.optional("outcome", value, ItemOutcome.class, Enum::name);
    }
}
