package io.msgkey.recorder.testing;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.notContaining;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;

/**
 * A user's history at a WireMock Tencent: admin_getroammsg answers each conversation page by page (newest first,
 * following LastMsgKey as Tencent does) and recentcontact/get_list the conversation list, page by page.
 */
public final class TencentHistory {

    public static final String ROAM = "/v4/openim/admin_getroammsg";
    public static final String GET_LIST = "/v4/recentcontact/get_list";
    /** The stub's messages are this many seconds apart from here on, oldest first. */
    public static final long FIRST_MSG_TIME = 1_700_000_000L;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One message of a conversation; {@code recalled} sets MsgFlagBits 8. */
    public record Message(String from, String to, String msgKey, long msgTime, boolean recalled) {
    }

    private final WireMockServer tencent;
    private final int pageSize;
    private int delayMillis;

    public TencentHistory(WireMockServer tencent, int pageSize) {
        this.tencent = tencent;
        this.pageSize = pageSize;
    }

    /** Every answer takes this long from now on. */
    public TencentHistory delay(int millis) {
        this.delayMillis = millis;
        return this;
    }

    /**
     * {@code count} messages between user and peer, alternating who sent, oldest first; keys are peer-1, peer-2, … and
     * the ones listed in {@code recalled} are flagged recalled.
     */
    public static List<Message> messages(String user, String peer, int count, int... recalled) {
        return messagesAt(FIRST_MSG_TIME, user, peer, count, recalled);
    }

    /** As {@link #messages}, one second apart after {@code firstMsgTime} (Unix seconds). */
    public static List<Message> messagesAt(long firstMsgTime, String user, String peer, int count, int... recalled) {
        List<Message> messages = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            boolean isRecalled = false;
            for (int r : recalled) {
                isRecalled |= r == i;
            }
            boolean fromUser = i % 2 == 1;
            messages.add(new Message(fromUser ? user : peer, fromUser ? peer : user, peer + "-" + i,
                    firstMsgTime + i, isRecalled));
        }
        return messages;
    }

    /** Stubs the conversation with the peer: its pages, newest first, the last one Complete. */
    public void conversation(String peer, List<Message> messages) {
        List<Message> newestFirst = new ArrayList<>(messages);
        newestFirst.sort((a, b) -> Long.compare(b.msgTime(), a.msgTime()));
        String lastKey = null;
        int pages = Math.max(1, (newestFirst.size() + pageSize - 1) / pageSize);
        for (int p = 0; p < pages; p++) {
            List<Message> page = newestFirst.subList(Math.min(newestFirst.size(), p * pageSize),
                    Math.min(newestFirst.size(), (p + 1) * pageSize));
            boolean complete = p == pages - 1;
            MappingBuilder request = post(urlPathEqualTo(ROAM))
                    .withRequestBody(matchingJsonPath("$.Peer_Account", equalTo(peer)));
            request = lastKey == null ? request.withRequestBody(notContaining("LastMsgKey"))
                    : request.withRequestBody(matchingJsonPath("$.LastMsgKey", equalTo(lastKey)));
            tencent.stubFor(request.willReturn(okJson(roamPage(page, complete)).withFixedDelay(delayMillis)));
            if (!page.isEmpty()) {
                lastKey = page.get(page.size() - 1).msgKey();
            }
        }
    }

    /** Stubs the user's conversation list: one page per list of peers, in order; group conversations beside them. */
    @SafeVarargs
    public final void contacts(String user, List<String>... pages) {
        for (int p = 0; p < pages.length; p++) {
            MappingBuilder request = post(urlPathEqualTo(GET_LIST))
                    .withRequestBody(matchingJsonPath("$.From_Account", equalTo(user)))
                    .withRequestBody(matchingJsonPath("$.StartIndex", equalTo(Integer.toString(p * 10))));
            ObjectNode reply = ok();
            reply.put("CompleteFlag", p == pages.length - 1 ? 1 : 0).put("TimeStamp", 1630997627 - p)
                    .put("StartIndex", (p + 1) * 10).put("TopTimeStamp", 0).put("TopStartIndex", 0);
            ArrayNode items = reply.putArray("SessionItem");
            pages[p].forEach(peer -> items.addObject().put("Type", 1).put("To_Account", peer)
                    .put("MsgTime", 1630997627).put("TopFlag", 0));
            items.addObject().put("Type", 2).put("GroupId", "@TGS#" + p).put("MsgTime", 1630997627).put("TopFlag", 0);
            tencent.stubFor(request.willReturn(okJson(reply.toString()).withFixedDelay(delayMillis)));
        }
    }

    /** How many times each (peer, LastMsgKey) page was asked for; the first page's key is "first". */
    public Map<String, Long> roamCallsByPage() {
        return roamBodies().stream().map(body -> body.get("Peer_Account").asText() + "|"
                + (body.has("LastMsgKey") ? body.get("LastMsgKey").asText() : "first"))
                .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
    }

    public List<JsonNode> roamBodies() {
        return tencent.getAllServeEvents().stream().filter(event -> event.getRequest().getUrl().startsWith(ROAM))
                .map(event -> read(event.getRequest().getBodyAsString())).toList();
    }

    public long calls(String path) {
        return tencent.getAllServeEvents().stream().filter(event -> event.getRequest().getUrl().startsWith(path))
                .count();
    }

    private static String roamPage(List<Message> page, boolean complete) {
        ObjectNode reply = ok();
        reply.put("Complete", complete ? 1 : 0).put("MsgCnt", page.size());
        if (!page.isEmpty()) {
            Message last = page.get(page.size() - 1);
            reply.put("LastMsgTime", last.msgTime()).put("LastMsgKey", last.msgKey());
        }
        ArrayNode list = reply.putArray("MsgList");
        for (Message message : page) {
            ObjectNode entry = list.addObject();
            entry.put("From_Account", message.from()).put("To_Account", message.to()).put("MsgSeq", message.msgTime() % 1000)
                    .put("MsgRandom", 7).put("MsgTimeStamp", message.msgTime())
                    .put("MsgFlagBits", message.recalled() ? 8 : 0).put("IsPeerRead", 0)
                    .put("MsgKey", message.msgKey()).put("CloudCustomData", "");
            entry.putArray("MsgBody").addObject().put("MsgType", "TIMTextElem").putObject("MsgContent")
                    .put("Text", "a body the record never keeps");
        }
        return reply.toString();
    }

    private static ObjectNode ok() {
        return JsonNodeFactory.instance.objectNode().put("ActionStatus", "OK").put("ErrorInfo", "").put("ErrorCode", 0);
    }

    private static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
