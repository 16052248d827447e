package io.msgkey.recorder.retention;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/** Message retention on, at its default period (the test profile switches it off for every other test). */
public class MessageRetentionProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("retention.messages", "P30D");
    }
}
