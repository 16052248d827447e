package io.msgkey.recorder.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;

import org.junit.jupiter.api.Test;

/** The cause-chain walk the service's failure checks share. */
class CausesTest {

    @Test
    void theChainRunsFromTheFailureToItsRoot() {
        ConnectException root = new ConnectException("refused");
        RuntimeException failure = new IllegalStateException("call failed", new UncheckedIOException(root));

        assertThat(Causes.chain(failure)).hasSize(3).first().isSameAs(failure);
        assertThat(Causes.root(failure)).isSameAs(root);
        assertThat(Causes.anyIs(failure, IOException.class)).isTrue();
        assertThat(Causes.anyIs(failure, IllegalArgumentException.class)).isFalse();
    }

    @Test
    void aFailureWithoutACauseIsItsOwnRoot() {
        RuntimeException failure = new RuntimeException("alone");

        assertThat(Causes.root(failure)).isSameAs(failure);
    }

    @Test
    void aChainThatLoopsBackEnds() {
        RuntimeException first = new RuntimeException("first");
        RuntimeException second = new RuntimeException("second", first);
        first.initCause(second);

        assertThat(Causes.chain(first)).containsExactly(first, second);
        assertThat(Causes.root(first)).isSameAs(second);
    }
}
