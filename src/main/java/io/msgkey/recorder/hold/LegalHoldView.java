package io.msgkey.recorder.hold;

import static io.msgkey.recorder.common.SqlValues.instant;
import static io.msgkey.recorder.common.SqlValues.number;

import java.time.Instant;

/** A legal hold as the API shows it; {@code active} until it is released. */
public record LegalHoldView(long id, String user, String reason, String reference, String createdBy,
        Instant createdAt, String releasedBy, Instant releasedAt, boolean active) {

    static LegalHoldView of(Object[] row) {
        Instant releasedAt = instant(row[7]);
        return new LegalHoldView(number(row[0]), (String) row[1], (String) row[2], (String) row[3], (String) row[4],
                instant(row[5]), (String) row[6], releasedAt, releasedAt == null);
    }
}
