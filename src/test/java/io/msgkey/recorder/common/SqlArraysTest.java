package io.msgkey.recorder.common;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

class SqlArraysTest {

    record Item(long id) {
    }

    @Test
    void bigintsAreInAscendingOrderWhateverTheCollectionsOrder() {
        assertArrayEquals(new Long[] { 3L, 17L, 40L },
                SqlArrays.bigints(List.of(new Item(40), new Item(3), new Item(17)), Item::id));
        assertArrayEquals(new Long[] { -1L, 2L }, SqlArrays.bigints(Set.of(2L, -1L)));
        assertArrayEquals(new Long[0], SqlArrays.bigints(List.<Long> of()));
    }
}
