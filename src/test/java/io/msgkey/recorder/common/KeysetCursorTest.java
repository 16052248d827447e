package io.msgkey.recorder.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.smallrye.config.Secret;

class KeysetCursorTest {

    private static final byte[] KEY = "a-key-of-at-least-thirty-two-characters".getBytes(StandardCharsets.UTF_8);
    private static final KeysetCursor POSITION = new KeysetCursor(Instant.parse("2024-05-01T08:00:00.123456Z"), 42);

    private final KeysetCursors cursors = new KeysetCursors(KEY);

    @Test
    void aCursorComesBackAsThePositionItWasMadeFor() {
        assertThat(cursors.decode(cursors.encode(POSITION, "q"), "q")).isEqualTo(POSITION);
        assertThat(cursors.decode(" " + cursors.encode(POSITION, "q") + " ", "q")).isEqualTo(POSITION);
    }

    @Test
    void noCursorIsTheFirstPage() {
        assertThat(cursors.decode(null, "q")).isNull();
        assertThat(cursors.decode("  ", "q")).isNull();
    }

    @Test
    void aCursorOfAnotherQueryOrAnotherKeyIsRefused() {
        String cursor = cursors.encode(POSITION, "q");
        assertRefused(() -> cursors.decode(cursor, "other"));
        assertRefused(() -> new KeysetCursors("another-key-of-at-least-thirty-two-chars".getBytes(
                StandardCharsets.UTF_8)).decode(cursor, "q"));
    }

    @Test
    void aChangedPositionIsRefusedEvenWithAPlausiblePayload() {
        String cursor = cursors.encode(POSITION, "q");
        String mac = cursor.substring(cursor.indexOf('.'));
        String forged = Base64.getUrlEncoder().withoutPadding()
                .encodeToString("2|1714550400|123456000|41".getBytes(StandardCharsets.UTF_8)) + mac;
        assertRefused(() -> cursors.decode(forged, "q"));
    }

    @ParameterizedTest
    @ValueSource(strings = { "+300000-01-01T00:00:00Z", "-4714-11-23T00:00:00Z", "+10000-01-01T00:00:00Z",
            "0000-12-31T23:59:59Z" })
    void aWellSignedCursorOutsideTheStorableYearsIsRefused(String time) {
        String cursor = cursors.encode(new KeysetCursor(Instant.parse(time), 1), "q");
        assertRefused(() -> cursors.decode(cursor, "q"));
    }

    @ParameterizedTest
    @ValueSource(strings = { "garbage", "AAAA", "a.b.c", ".", "bm90LWEtY3Vyc29y", "%%%.%%%", "MnwxfDJ8Mw." })
    void malformedCursorsAreRefused(String cursor) {
        assertRefused(() -> cursors.decode(cursor, "q"));
    }

    @Test
    void onlyTheCanonicalEncodingIsAccepted() {
        String cursor = cursors.encode(POSITION, "q");
        // the last character of a 16-byte MAC carries 2 bits; 'A' and 'B' differ only in the 4 spare ones
        String mac = cursor.substring(cursor.indexOf('.') + 1);
        char last = mac.charAt(mac.length() - 1);
        char sameBits = (char) (last == 'A' ? 'B' : last == 'B' ? 'A' : last == 'Q' ? 'R' : last == 'g' ? 'h' : 'x');
        assertRefused(() -> cursors.decode(cursor.substring(0, cursor.length() - 1) + sameBits, "q"));
        assertRefused(() -> cursors.decode(cursor + "=", "q"));
    }

    @Test
    void truncatedCursorsAreRefused() {
        String cursor = cursors.encode(POSITION, "q");
        for (int length = 1; length < cursor.length(); length++) {
            String cut = cursor.substring(0, length);
            assertRefused(() -> cursors.decode(cut, "q"));
        }
    }

    @Test
    void aConfiguredKeyMustNotBeShort() {
        Secret<String> shortKey = () -> "short";
        ApiConfig config = () -> Optional.of(shortKey);
        assertThatThrownBy(() -> new KeysetCursors(config)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("api.cursor-key must be at least 32 characters");
    }

    @Test
    void anIdCursorHoldsOnlyTheIdAndIsNotAPositionCursor() {
        String cursor = cursors.encodeId(42, "items");
        assertThat(cursors.decodeId(cursor, "items")).hasValue(42);
        assertThat(new String(Base64.getUrlDecoder().decode(cursor.substring(0, cursor.indexOf('.'))),
                StandardCharsets.UTF_8)).isEqualTo("id1|42");
        assertThat(cursors.decodeId(null, "items")).isEmpty();
        assertRefused(() -> cursors.decodeId(cursor, "other"));
        assertRefused(() -> cursors.decode(cursor, "items"));
        assertRefused(() -> cursors.decodeId(cursors.encode(POSITION, "items"), "items"));
    }

    private static void assertRefused(Runnable decode) {
        assertThatThrownBy(decode::run).isInstanceOfSatisfying(ApiException.class,
                e -> assertThat(new ApiError(e.status(), e.getMessage(), e.parameter()))
                        .isEqualTo(new ApiError(400, "cursor is not one this service issued for this query; start again "
                                + "without it", "cursor")));
    }
}
