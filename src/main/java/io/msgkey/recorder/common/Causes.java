package io.msgkey.recorder.common;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import java.util.stream.Stream;

/** Walks a failure's cause chain, the one place that does: libraries wrap what the service needs to tell apart. */
public final class Causes {

    private Causes() {
    }

    /** The failure and its causes, outermost first; a chain that loops back ends where it would repeat. */
    public static Stream<Throwable> chain(Throwable failure) {
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        return Stream.iterate(failure, cause -> cause != null && seen.add(cause), Throwable::getCause);
    }

    public static boolean anyIs(Throwable failure, Class<? extends Throwable> type) {
        return chain(failure).anyMatch(type::isInstance);
    }

    /** The innermost cause: what actually went wrong. */
    public static Throwable root(Throwable failure) {
        return chain(failure).reduce((outer, inner) -> inner).orElse(failure);
    }
}
