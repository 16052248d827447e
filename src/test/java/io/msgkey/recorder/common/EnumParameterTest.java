package io.msgkey.recorder.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Locale;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The one rule for enum-valued parameters: white space around and case do not matter, blank is absent. */
class EnumParameterTest {

    enum Colour {
        DARK_RED,
        GREEN;

        String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = { "dark_red", "DARK_RED", "Dark_Red", " dark_red ", "\tdark_red\n" })
    void anySpellingOfTheWireNameIsAccepted(String value) {
        assertThat(EnumParameter.optional("colour", value, Colour.class, Colour::wireName)).contains(Colour.DARK_RED);
    }

    @ParameterizedTest
    @ValueSource(strings = { "", "  " })
    void blankIsAbsent(String value) {
        assertThat(EnumParameter.optional("colour", value, Colour.class, Colour::wireName)).isEmpty();
        assertThat(EnumParameter.optional("colour", null, Colour.class, Colour::wireName)).isEmpty();
    }

    @Test
    void anUnknownValueIsRefusedNamingTheParameterAndTheChoices() {
        assertThatThrownBy(() -> EnumParameter.optional("colour", "dark red", Colour.class, Colour::wireName))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.parameter()).isEqualTo("colour");
                    assertThat(e.getMessage()).isEqualTo("colour must be one of dark_red, green");
                });
    }

    @Test
    void aRequiredParameterThatIsAbsentSaysSo() {
        assertThatThrownBy(() -> EnumParameter.required("colour", " ", Colour.class, Enum::name))
                .isInstanceOf(ApiException.class).hasMessage("colour is required: one of DARK_RED, GREEN");
        assertThat(EnumParameter.required("colour", "green", Colour.class, Enum::name)).isEqualTo(Colour.GREEN);
    }
}
