package io.msgkey.recorder.tencent;

/**
 * How many calls per second one rate-limited command may make across all instances. The feature that calls a command
 * supplies its rate as a bean (recall.rate-per-second for admin_msgwithdraw), so each setting stays with its feature.
 */
public record CommandRate(RateLimitedCommand command, int perSecond) {
}
