package io.msgkey.recorder.common;

import java.util.Collection;
import java.util.function.ToLongFunction;

/**
 * Array parameters of native queries, bound as SQL arrays. A text literal cast in the statement
 * ({@code CAST(? AS bigint[])}) is not a constant to the planner: it assumes ten elements and cannot hash the list,
 * so {@code id = ANY (...)} over a thousand ids was planned as a sequential scan comparing every row with every id (a
 * second for a thousand group items in a 10,000-row partition). A bound array is a constant in the statement's custom
 * plans: its real size is estimated and the list is hashed.
 */
public final class SqlArrays {

    private SqlArrays() {
    }

    /** The ids as a {@code bigint[]} parameter, in ascending order (the order rows are locked in). */
    public static Long[] bigints(Collection<Long> ids) {
        return bigints(ids, Long::longValue);
    }

    /** The values as a {@code bigint[]} parameter, in ascending order. */
    public static <T> Long[] bigints(Collection<T> values, ToLongFunction<? super T> value) {
        return values.stream().mapToLong(value).sorted().boxed().toArray(Long[]::new);
    }
}
