package io.msgkey.recorder.common;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ForeignTextTest {

    @ParameterizedTest
    @ValueSource(ints = { 0x00, 0x09, 0x0A, 0x1B, 0x7F, 0x80, 0x85, 0x9B, 0x9F, 0x2028, 0x2029, 0x202A, 0x202B, 0x202C,
            0x202D, 0x202E, 0x2066, 0x2067, 0x2068, 0x2069, 0x200B, 0x200C, 0x200D, 0x200E, 0x200F, 0x2060, 0xFEFF,
            0x061C, 0xD800, 0xDFFF })
    void controlsSeparatorsBidiAndInvisibleCharactersAreUnsafe(int codePoint) {
        assertThat(ForeignText.isUnsafe(codePoint)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(ints = { 'a', ' ', '-', '_', '@', 0xA0, 0x3000, 0x4E2D, 0x1F600, 0xFF1D, 0x05D0 })
    void visibleTextIsSafe(int codePoint) {
        assertThat(ForeignText.isUnsafe(codePoint)).isFalse();
    }

    @Test
    void firstUnsafeIsFoundPastSurrogatePairs() {
        assertThat(ForeignText.firstUnsafe("😀ab\u200Bc")).hasValue(4);
        assertThat(ForeignText.firstUnsafe("😀abc")).isEmpty();
        assertThat(ForeignText.firstUnsafe("ab\uD800")).hasValue(2);
    }

    @Test
    void storedTextLosesInvisibleCharactersAndKeepsWordsApart() {
        assertThat(ForeignText.storable("invalid \u202Egnp.exe\u2028next\u0085line\r\nend\u2066x\u2069"))
                .isEqualTo("invalid gnp.exe next line  endx");
        assertThat(ForeignText.storable("a\u200Bb")).isEqualTo("ab");
        assertThat(ForeignText.storable("  \u202E \n ")).isNull();
        assertThat(ForeignText.storable(null)).isNull();
    }

    @Test
    void storedTextIsCutWithoutSplittingACharacter() {
        assertThat(ForeignText.storable("x".repeat(600))).hasSize(501).endsWith("x…");
        String cut = ForeignText.storable("x".repeat(499) + "😀" + "y".repeat(10));
        assertThat(cut).isEqualTo("x".repeat(499) + "…");
    }

    @Test
    void printableTextShowsEveryUnsafeCharacterAsAQuestionMark() {
        assertThat(ForeignText.printable("eve\nINFO forged line\u202E\u0085")).isEqualTo("eve?INFO forged line??");
        assertThat(ForeignText.printable("😀 ok")).isEqualTo("😀 ok");
        assertThat(ForeignText.printable(null)).isNull();
    }
}
