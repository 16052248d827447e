package io.msgkey.recorder.demo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * The demo setup as `./run` starts it (profile demo), on the tests' database. The test profile is active beside it, so
 * where the two disagree the demo's values are restated here. The simulated Tencent is called on this service's own
 * port, so the port is chosen here rather than left to the test framework.
 */
public class DemoSetupProfile implements QuarkusTestProfile {

    @Override
    public String getConfigProfile() {
        return "test,demo";
    }

    @Override
    public Map<String, String> getConfigOverrides() {
        int port = freePort();
        return Map.of("quarkus.http.test-port", Integer.toString(port),
                "tencent.api.base-url", "http://localhost:" + port + "/demo/tencent",
                "tencent.callback.token", "msgkey-demo-callback-token",
                "tencent.admin.secret-key", Demo.SECRET_KEY,
                "recall.worker.enabled", "true",
                "recall.second-approver-above", "1000",
                "ingest.spool.dir", "target/spool/demo");
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
