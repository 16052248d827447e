package io.msgkey.recorder.webhook;

import static io.msgkey.recorder.testing.TencentCallbacks.AFTER_SEND;
import static io.msgkey.recorder.testing.TencentCallbacks.APP_ID;
import static io.msgkey.recorder.testing.TencentCallbacks.TOKEN;
import static io.msgkey.recorder.testing.TencentCallbacks.sign;
import static io.msgkey.recorder.testing.TencentCallbacks.signed;
import static io.msgkey.recorder.testing.TencentCallbacks.uniqueSample;
import static io.msgkey.recorder.testing.TencentCallbacks.unsigned;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.agroal.api.AgroalDataSource;
import io.msgkey.recorder.testing.Rows;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;

/**
 * What an attacker holding no token, or one signed URL, can do to the callback endpoint. The test profile allows
 * callbacks from loopback and 198.51.100.0/24, and trusts loopback as a proxy (so tests can stage other sources).
 */
@QuarkusTest
class CallbackHardeningTest {

    @Inject
    AgroalDataSource dataSource;

    @Test
    void chunkedCallbackWithABadSignIsRefusedBeforeItsBodyArrives() throws IOException {
        long now = Instant.now().getEpochSecond();
        String query = "SdkAppid=" + APP_ID + "&CallbackCommand=" + AFTER_SEND + "&contenttype=json&RequestTime="
                + now + "&Sign=" + sign("not-the-token", Long.toString(now));
        try (Socket socket = startChunkedPost(query)) {
            // the body never ends: only an answer that does not wait for it arrives within the socket timeout
            String reply = readReply(socket);
            assertThat(reply).startsWith("HTTP/1.1 401").contains("\"ErrorInfo\":\"Sign does not match\"")
                    .containsIgnoringCase("connection: close");
        }
    }

    @Test
    void chunkedCallbackForAnotherAppIsRefusedBeforeItsBodyArrives() throws IOException {
        long now = Instant.now().getEpochSecond();
        String query = "SdkAppid=1400000001&CallbackCommand=" + AFTER_SEND + "&contenttype=json&RequestTime=" + now
                + "&Sign=" + sign(TOKEN, Long.toString(now));
        try (Socket socket = startChunkedPost(query)) {
            assertThat(readReply(socket)).startsWith("HTTP/1.1 403").contains("\"ErrorCode\":403");
        }
    }

    @Test
    void chunkedBodyPast64KiBIsCutWithoutWaitingForItsEnd() throws IOException {
        long now = Instant.now().getEpochSecond();
        String query = "SdkAppid=" + APP_ID + "&CallbackCommand=" + AFTER_SEND + "&contenttype=json&RequestTime="
                + now + "&Sign=" + sign(TOKEN, Long.toString(now));
        try (Socket socket = startChunkedPost(query)) {
            OutputStream out = socket.getOutputStream();
            byte[] chunk = "x".repeat(8192).getBytes(StandardCharsets.US_ASCII);
            for (int i = 0; i < 9; i++) {
                out.write((Integer.toHexString(chunk.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                out.write(chunk);
                out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
            }
            out.flush();
            assertThat(readReply(socket)).startsWith("HTTP/1.1 400")
                    .contains("\"ErrorInfo\":\"body is larger than 64 KiB\"");
        }
    }

    @Test
    void requestTimeThatOverflowsTheSkewCheckIsRefused() {
        ObjectNode body = uniqueSample("c2c-after-send", "overflow");
        long now = Instant.now().getEpochSecond();
        signed(AFTER_SEND, now + Long.MIN_VALUE).body(body.toString()).post().statusCode(401)
                .body("ErrorCode", equalTo(401));
        signed(AFTER_SEND, Long.MIN_VALUE).body(body.toString()).post().statusCode(401);
        signed(AFTER_SEND, Long.MAX_VALUE).body(body.toString()).post().statusCode(401);
        assertThat(Rows.count(dataSource, "SELECT count(*) FROM message WHERE msg_key = ?",
                body.get("MsgKey").asText())).isZero();
    }

    @Test
    void commandsOfRefusedCallbacksNeverBecomeMetricTags() {
        String invented = "Forged.Command" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        unsigned(invented).body("{}").post().statusCode(401);
        unsigned(AFTER_SEND).param("Sign", "00").param("RequestTime", Instant.now().getEpochSecond())
                .body("{}").post().statusCode(401);
        String metrics = given().get("/q/metrics").asString();
        assertThat(metrics).doesNotContain(invented)
                .containsPattern("tencent_callbacks_total\\{command=\"unverified\",outcome=\"rejected\"} [1-9]");
    }

    @Test
    void commandsNotKnownByNameAreCountedTogetherEvenWhenSigned() {
        String invented = "Made.Up" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        signed(invented).body("{}").post().statusCode(200);
        signed("Alert.RequestOverLimit").body("{}").post().statusCode(200);
        String metrics = given().get("/q/metrics").asString();
        assertThat(metrics).doesNotContain(invented)
                .containsPattern("tencent_callbacks_total\\{command=\"other\",outcome=\"ignored\"} [1-9]")
                .containsPattern("tencent_callbacks_total\\{command=\"Alert.RequestOverLimit\",outcome=\"ignored\"} "
                        + "[1-9]");
    }

    @Test
    void callbackFromOutsideTheAllowedSourcesIsForbidden() {
        ObjectNode body = uniqueSample("c2c-after-send", "outsider");
        signed(AFTER_SEND).header("X-Forwarded-For", "203.0.113.9").body(body.toString()).post().statusCode(403)
                .body("ActionStatus", equalTo("FAIL")).body("ErrorCode", equalTo(403))
                .body("ErrorInfo", equalTo("callbacks are not accepted from 203.0.113.9"));
        assertThat(Rows.count(dataSource, "SELECT count(*) FROM message WHERE msg_key = ?",
                body.get("MsgKey").asText())).isZero();
    }

    @Test
    void forwardedAddressIsTheNearestOneNotAddedByATrustedProxy() {
        // a client can put anything first; what the trusted proxy (loopback here) appended is what counts
        signed(AFTER_SEND).header("X-Forwarded-For", "198.51.100.7, 203.0.113.9")
                .body(uniqueSample("c2c-after-send", "spoofed").toString()).post().statusCode(403)
                .body("ErrorInfo", equalTo("callbacks are not accepted from 203.0.113.9"));
        signed(AFTER_SEND).header("X-Forwarded-For", "203.0.113.9, 198.51.100.7")
                .body(uniqueSample("c2c-after-send", "allowed").toString()).post().statusCode(200);
        signed(AFTER_SEND).header("X-Forwarded-For", "2001:db8::1")
                .body(uniqueSample("c2c-after-send", "v6").toString()).post().statusCode(403);
    }

    @Test
    void queryMetadataWithInvisibleOrBidiCharactersIsDropped() {
        ObjectNode body = uniqueSample("c2c-after-send", "bidi-metadata");
        signed(AFTER_SEND).param("ClientIP", "1.2.3.4\u202E").param("OptPlatform", "iOS\u2028Web")
                .body(body.toString()).post().statusCode(200);
        assertThat(Rows.query(dataSource, "SELECT client_ip, platform FROM message WHERE msg_key = ?",
                body.get("MsgKey").asText()).get(0)).containsEntry("client_ip", null).containsEntry("platform", null);
    }

    /** Sends the headers of a chunked callback and its first few bytes, and leaves the body open. */
    private static Socket startChunkedPost(String query) throws IOException {
        Socket socket = new Socket(InetAddress.getLoopbackAddress(), RestAssured.port);
        socket.setSoTimeout(3000);
        OutputStream out = socket.getOutputStream();
        out.write(("POST /tencent/callback?" + query + " HTTP/1.1\r\nHost: localhost\r\n"
                + "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n5\r\n{\"a\":\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        out.flush();
        return socket;
    }

    /** The status line, headers and body, read until the server closes or the 3 s socket timeout. */
    private static String readReply(Socket socket) throws IOException {
        ByteArrayOutputStream reply = new ByteArrayOutputStream();
        InputStream in = socket.getInputStream();
        byte[] buffer = new byte[4096];
        try {
            int n;
            while ((n = in.read(buffer)) != -1) {
                reply.write(buffer, 0, n);
            }
        } catch (SocketTimeoutException e) {
            assertThat(reply.size()).as("bytes of the reply within 3 s").isPositive();
        }
        return reply.toString(StandardCharsets.UTF_8);
    }
}
