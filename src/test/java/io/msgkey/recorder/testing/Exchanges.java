package io.msgkey.recorder.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.UUID;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The sendmsg/batchsendmsg exchanges of Tencent's documentation (src/test/resources/tencent/samples/rest-*.json), with
 * a sender and MsgKey no other test uses.
 */
public final class Exchanges {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private Exchanges() {
    }

    public static ObjectNode sample(String name) {
        try (InputStream in = Exchanges.class.getResourceAsStream("/tencent/samples/" + name + ".json")) {
            return (ObjectNode) MAPPER.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The sendmsg sample: From_Account lumotuwe1-…, To_Account lumotuwe2, MsgTime 1572870301. */
    public static ObjectNode sendmsg(String tag) {
        ObjectNode exchange = sample("rest-sendmsg-exchange");
        String unique = unique(tag);
        ((ObjectNode) exchange.get("request")).put("From_Account", "lumotuwe1-" + unique);
        ObjectNode response = (ObjectNode) exchange.get("response");
        response.put("MsgKey", response.get("MsgKey").asText() + "_" + unique);
        return exchange;
    }

    /**
     * The batchsendmsg sample (partial reply: rong is in ErrorList), from a unique sender, with the recipients given
     * (rong is kept among them if listed).
     */
    public static ObjectNode batchsendmsg(String tag, String... recipients) {
        ObjectNode exchange = sample("rest-batchsendmsg-exchange");
        String unique = unique(tag);
        ObjectNode request = (ObjectNode) exchange.get("request");
        request.put("From_Account", "batch-" + unique);
        if (recipients.length > 0) {
            ArrayNode to = request.putArray("To_Account");
            for (String recipient : recipients) {
                to.add(recipient);
            }
        }
        ObjectNode response = (ObjectNode) exchange.get("response");
        response.put("MsgKey", response.get("MsgKey").asText() + "_" + unique);
        return exchange;
    }

    public static String from(ObjectNode exchange) {
        return exchange.get("request").get("From_Account").asText();
    }

    public static String msgKey(ObjectNode exchange) {
        return exchange.get("response").get("MsgKey").asText();
    }

    private static String unique(String tag) {
        return tag + "-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
