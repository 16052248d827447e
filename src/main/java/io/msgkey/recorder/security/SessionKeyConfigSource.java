package io.msgkey.recorder.security;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.Set;

import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * A random key for the console's session cookie when the deployer sets none. Quarkus would otherwise generate one
 * itself and print it in the log. Sessions then end with the process and do not carry across instances: set
 * QUARKUS_HTTP_AUTH_SESSION_ENCRYPTION_KEY for that.
 */
public class SessionKeyConfigSource implements ConfigSource {

    static final String PROPERTY = "quarkus.http.auth.session.encryption-key";
    /** Below every real source (application.properties is 250, the environment 300). */
    private static final int ORDINAL = 1;

    private final Map<String, String> values = Map.of(PROPERTY, randomKey());

    @Override
    public Set<String> getPropertyNames() {
        return values.keySet();
    }

    @Override
    public String getValue(String name) {
        return values.get(name);
    }

    @Override
    public String getName() {
        return "random session key";
    }

    @Override
    public int getOrdinal() {
        return ORDINAL;
    }

    private static String randomKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }
}
