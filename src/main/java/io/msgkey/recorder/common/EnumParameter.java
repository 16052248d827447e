package io.msgkey.recorder.common;

import java.util.Arrays;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Enum-valued parameters of the API, read by one rule: surrounding white space is ignored, case does not matter, and
 * blank counts as absent. An unknown value is a 400 naming the parameter and listing the values as documented.
 */
public final class EnumParameter {

    private EnumParameter() {
    }

    /** The constant whose wire name the value spells; empty when the value is absent or blank. */
    public static <E extends Enum<E>> Optional<E> optional(String parameter, String value, Class<E> type,
            Function<E, String> wireName) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        String wanted = value.strip();
        return Optional.of(Arrays.stream(type.getEnumConstants())
                .filter(constant -> wireName.apply(constant).equalsIgnoreCase(wanted)).findFirst()
                .orElseThrow(() -> ApiException.badParameter(parameter,
                        parameter + " must be one of " + choices(type, wireName))));
    }

    public static <E extends Enum<E>> E required(String parameter, String value, Class<E> type,
            Function<E, String> wireName) {
        return optional(parameter, value, type, wireName).orElseThrow(() -> ApiException.badParameter(parameter,
                parameter + " is required: one of " + choices(type, wireName)));
    }

    private static <E extends Enum<E>> String choices(Class<E> type, Function<E, String> wireName) {
        return Arrays.stream(type.getEnumConstants()).map(wireName).collect(Collectors.joining(", "));
    }
}
