package io.msgkey.recorder.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.UUID;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Builds callbacks the way Tencent sends them: the doc samples, signed with the test profile's token. */
public final class TencentCallbacks {

    public static final long APP_ID = 1400000000L;
    public static final String TOKEN = "test-callback-token";
    public static final String BEFORE_SEND = "C2C.CallbackBeforeSendMsg";
    public static final String AFTER_SEND = "C2C.CallbackAfterSendMsg";
    public static final String AFTER_WITHDRAW = "C2C.CallbackAfterMsgWithDraw";
    public static final String GROUP_BEFORE_SEND = "Group.CallbackBeforeSendMsg";
    public static final String GROUP_AFTER_SEND = "Group.CallbackAfterSendMsg";
    public static final String GROUP_AFTER_RECALL = "Group.CallbackAfterRecallMsg";

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private TencentCallbacks() {
    }

    /** A sample payload from Tencent's documentation, as shipped in {@code src/test/resources/tencent/samples}. */
    public static ObjectNode sample(String name) {
        try (InputStream in = TencentCallbacks.class.getResourceAsStream("/tencent/samples/" + name + ".json")) {
            return (ObjectNode) MAPPER.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The sample with a sender and MsgKey no other test uses, so tests never see each other's rows. */
    public static ObjectNode uniqueSample(String name, String tag) {
        ObjectNode body = sample(name);
        String unique = tag + "-" + UUID.randomUUID().toString().substring(0, 8);
        body.put("From_Account", "from-" + unique);
        body.put("MsgKey", body.get("MsgKey").asText() + "_" + unique);
        return body;
    }

    /** A group sample moved to a group no other test uses. */
    public static ObjectNode uniqueGroupSample(String name, String tag) {
        ObjectNode body = sample(name);
        body.put("GroupId", "@TGS#" + tag + "-" + UUID.randomUUID().toString().substring(0, 8));
        return body;
    }

    /** A callback as Tencent posts it, signed for now; {@link CallbackRequest#param} replaces or drops any part. */
    public static CallbackRequest signed(String command) {
        return signed(command, Instant.now().getEpochSecond());
    }

    public static CallbackRequest signed(String command, long requestTime) {
        return unsigned(command).param("RequestTime", requestTime).param("Sign",
                sign(TOKEN, Long.toString(requestTime)));
    }

    public static CallbackRequest unsigned(String command) {
        return new CallbackRequest().param("SdkAppid", APP_ID).param("CallbackCommand", command)
                .param("contenttype", "json").param("ClientIP", "203.0.113.7").param("OptPlatform", "iOS");
    }

    public static String sign(String token, String requestTime) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest((token + requestTime).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
