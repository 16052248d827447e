package io.msgkey.recorder.common;

import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.Secret;

@ConfigMapping(prefix = "api")
public interface ApiConfig {

    /**
     * Signs page cursors (at least 32 characters). Unset, each start picks a random key: cursors then end with the
     * process and do not carry across instances, so set the same key on every instance behind one address.
     */
    Optional<Secret<String>> cursorKey();
}
