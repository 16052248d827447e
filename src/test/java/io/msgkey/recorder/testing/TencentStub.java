package io.msgkey.recorder.testing;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.Map;

import com.github.tomakehurst.wiremock.WireMockServer;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * An in-process WireMock standing in for Tencent's admin API on a free port. Delays are served asynchronously and the
 * thread pool is large, so a 100 ms stub latency at 200 calls per second does not queue inside the stub itself.
 */
public class TencentStub implements QuarkusTestResourceLifecycleManager {

    /** Injects the running stub into a test's {@link WireMockServer} field. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.FIELD)
    public @interface Inject {
    }

    private WireMockServer server;

    @Override
    public Map<String, String> start() {
        server = new WireMockServer(options().dynamicPort().containerThreads(64).asynchronousResponseEnabled(true)
                .asynchronousResponseThreads(16).http2PlainDisabled(true).gzipDisabled(true)
                .stubRequestLoggingDisabled(true).extensions(new GroupRecallAnswers()));
        server.start();
        return Map.of("tencent.api.base-url", server.baseUrl());
    }

    @Override
    public void inject(TestInjector injector) {
        injector.injectIntoFields(server, new TestInjector.AnnotatedAndMatchesType(Inject.class, WireMockServer.class));
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop();
        }
    }
}
