package io.msgkey.recorder.testing;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;

/**
 * The stub's group_msg_recall: answers a RetCode for every MsgSeq asked for, 0 unless a test set others for that
 * group and MsgSeq (a sequence of codes is answered one per call, the last one from then on). Used by stubs that name
 * it as their transformer; the stub's delay and status stay theirs.
 */
public class GroupRecallAnswers implements ResponseDefinitionTransformerV2 {

    public static final String NAME = "group-recall-answers";
    public static final String PATH = "/v4/group_open_http_svc/group_msg_recall";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, Deque<Integer>> CODES = new ConcurrentHashMap<>();

    /** What the stub answers for the MsgSeq of the group: the codes in turn, the last one from then on. */
    public static void answer(String groupId, long msgSeq, Integer... retCodes) {
        CODES.put(groupId + "/" + msgSeq, new ArrayDeque<>(List.of(retCodes)));
    }

    public static void clear() {
        CODES.clear();
    }

    /** One request the stub received: the group, topic (null when absent), MsgSeq list and Reason. */
    public record Call(String groupId, String topicId, List<Long> msgSeqs, String reason) {
    }

    /** Every group_msg_recall request the stub received, in the order they arrived. */
    public static List<Call> calls(WireMockServer tencent) {
        return tencent.getAllServeEvents().stream().filter(event -> event.getRequest().getUrl().startsWith(PATH))
                .sorted((a, b) -> a.getRequest().getLoggedDate().compareTo(b.getRequest().getLoggedDate()))
                .map(event -> {
                    JsonNode body = read(event.getRequest().getBodyAsString());
                    List<Long> seqs = new java.util.ArrayList<>();
                    body.get("MsgSeqList").forEach(seq -> seqs.add(seq.get("MsgSeq").asLong()));
                    return new Call(body.get("GroupId").asText(), body.has("TopicId") ? body.get("TopicId").asText()
                            : null, seqs, body.has("Reason") ? body.get("Reason").asText() : null);
                }).toList();
    }

    /** How often each "group/MsgSeq" was asked for. */
    public static Map<String, Long> sentBySeq(WireMockServer tencent) {
        return calls(tencent).stream()
                .flatMap(call -> call.msgSeqs().stream().map(seq -> call.groupId() + "/" + seq))
                .collect(Collectors.groupingBy(key -> key, Collectors.counting()));
    }

    @Override
    public ResponseDefinition transform(ServeEvent serveEvent) {
        JsonNode body = read(serveEvent.getRequest().getBodyAsString());
        String group = body.get("GroupId").asText();
        ObjectNode reply = JSON.createObjectNode().put("ActionStatus", "OK").put("ErrorInfo", "").put("ErrorCode", 0);
        ArrayNode results = reply.putArray("RecallRetList");
        body.get("MsgSeqList").forEach(seq -> {
            long msgSeq = seq.get("MsgSeq").asLong();
            results.addObject().put("MsgSeq", msgSeq).put("RetCode", next(group + "/" + msgSeq));
        });
        return ResponseDefinitionBuilder.like(serveEvent.getResponseDefinition()).withBody(reply.toString()).build();
    }

    private static int next(String key) {
        Deque<Integer> codes = CODES.get(key);
        if (codes == null) {
            return 0;
        }
        synchronized (codes) {
            return codes.size() > 1 ? codes.poll() : codes.peek();
        }
    }

    @Override
    public boolean applyGlobally() {
        return false;
    }

    @Override
    public String getName() {
        return NAME;
    }

    private static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
