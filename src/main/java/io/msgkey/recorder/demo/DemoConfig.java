package io.msgkey.recorder.demo;

import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;

import org.hibernate.validator.constraints.time.DurationMin;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The demo setup (profile {@code demo}): sample traffic and the simulated Tencent admin API. */
@ConfigMapping(prefix = "demo")
public interface DemoConfig {

    /** How long the simulated admin API takes to answer, as Tencent's does over the internet. */
    @WithDefault("80ms")
    @DurationMin(millis = 0)
    Duration simulatorLatency();

    /** The sample abuser's account in the sample traffic. */
    @WithDefault("spam-bot-7")
    @NotBlank
    String sampleAbuser();

    /** How many messages the sample abuser sends in one batch of sample traffic. */
    @WithDefault("240")
    @Min(1)
    @Max(10000)
    int sampleAbuserMessages();
}
