package io.msgkey.recorder.partition;

import java.time.Duration;

import org.hibernate.validator.constraints.time.DurationMin;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "partitions")
public interface PartitionConfig {

    /**
     * How far ahead of today (UTC) day partitions of the message tables are kept ready; at least a day, so that a
     * message sent just before midnight never waits for its day. A MsgTime beyond that lands in the default partition
     * and moves into its day once the day is created.
     */
    @WithDefault("P7D")
    @DurationMin(days = 1)
    Duration ahead();

    /** How often each instance checks the days ahead (one instance at a time creates them, under a database lock). */
    @WithDefault("1h")
    @DurationMin(minutes = 1)
    Duration schedule();
}
