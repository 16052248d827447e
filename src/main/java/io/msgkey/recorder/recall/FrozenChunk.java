package io.msgkey.recorder.recall;

/**
 * What one chunk of a freeze copied into the job: how many messages, how many of them group messages, how many
 * callbacks alone marked recalled or undelivered, how many are older than the roaming period; {@code next} is null
 * once the selection is exhausted.
 */
record FrozenChunk(long frozen, long groups, long recalledByCallback, long undeliveredByCallback,
        long olderThanRoaming, FreezePosition next) {
}
