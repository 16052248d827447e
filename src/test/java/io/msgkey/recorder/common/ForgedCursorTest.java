package io.msgkey.recorder.common;

import static io.msgkey.recorder.testing.Api.ALICE;
import static io.msgkey.recorder.testing.Api.CAROL;
import static io.msgkey.recorder.testing.Api.as;
import static org.hamcrest.Matchers.equalTo;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.quarkus.test.junit.QuarkusTest;

/**
 * Cursors a client made up. The unkeyed checksum cursors used to carry could be recomputed by anyone, so these are
 * built the way that scheme built them: each must be refused with a 400 naming the cursor, never reach the database.
 */
@QuarkusTest
class ForgedCursorTest {

    @ParameterizedTest
    @ValueSource(strings = { "+300000-01-01T00:00:00Z", "-4714-11-23T00:00:00Z", "2024-01-01T00:00:00Z" })
    void aCursorThisServiceDidNotSignIsRefused(String time) throws Exception {
        String jobs = forge(Instant.parse(time), 1, "jobs");
        as(CAROL).queryParam("cursor", jobs).get("/api/recall-jobs").then().statusCode(400)
                .body("parameter", equalTo("cursor"));
        String audit = forge(Instant.parse(time), 1, "audit|null|null|null|null");
        as(CAROL).queryParam("cursor", audit).get("/api/audit").then().statusCode(400)
                .body("parameter", equalTo("cursor"));
        as(ALICE).queryParam("from", "x").queryParam("cursor", forge(Instant.parse(time), 1,
                "MessageFilter[from=x, to=null, user=null, peer=null, since=null, until=null, state=ACTIVE]"))
                .get("/api/messages")
                .then().statusCode(400).body("parameter", equalTo("cursor"));
    }

    private static String forge(Instant time, long id, String query) throws Exception {
        String payload = "1|" + time.getEpochSecond() + "|" + time.getNano() + "|" + id + "|"
                + sha256(query).substring(0, 16);
        String token = payload + "|" + sha256("keyset-cursor:" + payload).substring(0, 16);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(token.getBytes(StandardCharsets.UTF_8));
    }

    private static String sha256(String text) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(text.getBytes(StandardCharsets.UTF_8)));
    }
}
