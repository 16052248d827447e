package io.msgkey.recorder.retention;

import java.time.Duration;

import org.hibernate.validator.constraints.time.DurationMin;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithConverter;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "retention")
public interface RetentionConfig {

    /**
     * How long finished recall jobs (completed or cancelled) and their items are kept after they finished; {@code 0}
     * or {@code off} keeps them for ever. A job concerning a user under an active legal hold is kept.
     */
    @WithDefault("P2Y")
    @WithConverter(RetentionPeriod.Parser.class)
    RetentionPeriod recallJobs();

    /**
     * How long message records (one-to-one and group) are kept, by their msg_time; {@code 0} or {@code off} keeps them
     * for ever (with a warning at start). Whole UTC days go at once, so a record stays up to a day longer. Records of a
     * user under an active legal hold are kept.
     */
    @WithDefault("P30D")
    @WithConverter(RetentionPeriod.Parser.class)
    RetentionPeriod messages();

    /** How often retention runs (at least a minute); each run takes a database lock, so one instance runs at a time. */
    @WithDefault("24h")
    @DurationMin(minutes = 1)
    Duration schedule();
}
