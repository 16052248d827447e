import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A stand-in for Tencent's admin API for the sync benchmark, run as a single-file program: every user has the same
 * conversations, each with the same history. recentcontact/get_list lists the peers 20 to a page;
 * admin_getroammsg answers each conversation newest first, a page at a time, following LastMsgKey as Tencent does,
 * each message with a text body so a page weighs what Tencent's do. Every answer is delayed by the given latency (on
 * a virtual thread, so delays overlap). {@code GET /stats} reports the arrivals of admin_getroammsg calls: count, the
 * mean rate between the first and the last, the busiest sliding and calendar second, and the calls in each quarter
 * second (a rate limit of 200/s allows 50); {@code DELETE /stats} forgets them. Usage:
 * {@code java RoamStub.java <port> <conversations> <messages> <page-size> <latency-ms>}
 */
public class RoamStub {

    private static final Pattern PEER = Pattern.compile("\"Peer_Account\"\\s*:\\s*\"([^\"]*)\"");
    private static final Pattern LAST_KEY = Pattern.compile("\"LastMsgKey\"\\s*:\\s*\"([^\"]*)\"");
    private static final Pattern OPERATOR = Pattern.compile("\"Operator_Account\"\\s*:\\s*\"([^\"]*)\"");
    private static final Pattern START_INDEX = Pattern.compile("\"StartIndex\"\\s*:\\s*(\\d+)");
    private static final long FIRST_MSG_TIME = 1_700_000_000L;
    private static final int CONTACTS_PER_PAGE = 20;

    private static final List<Long> arrivals = Collections.synchronizedList(new ArrayList<>());
    private static int conversations;
    private static int messages;
    private static int pageSize;
    private static int latencyMillis;

    public static void main(String[] args) throws IOException {
        int port = Integer.parseInt(args[0]);
        conversations = Integer.parseInt(args[1]);
        messages = Integer.parseInt(args[2]);
        pageSize = Integer.parseInt(args[3]);
        latencyMillis = Integer.parseInt(args[4]);
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 1024);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/v4/openim/admin_getroammsg", exchange -> {
            arrivals.add(System.currentTimeMillis());
            answer(exchange, roamPage(body(exchange)));
        });
        server.createContext("/v4/recentcontact/get_list", exchange -> answer(exchange, contacts(body(exchange))));
        server.createContext("/stats", exchange -> {
            if (exchange.getRequestMethod().equals("DELETE")) {
                arrivals.clear();
                reply(exchange, "{}");
            } else {
                reply(exchange, stats());
            }
        });
        server.start();
        System.out.printf("stub on :%d: %d conversations of %d messages, %d a page, %d ms latency%n", port,
                conversations, messages, pageSize, latencyMillis);
    }

    private static String roamPage(String request) {
        String operator = first(OPERATOR, request, "user");
        String peer = first(PEER, request, "peer-1");
        String lastKey = first(LAST_KEY, request, null);
        int newest = lastKey == null ? messages : Integer.parseInt(lastKey.substring(lastKey.lastIndexOf('-') + 1)) - 1;
        int oldest = Math.max(1, newest - pageSize + 1);
        StringBuilder list = new StringBuilder();
        for (int n = newest; n >= oldest && n >= 1; n--) {
            boolean fromOperator = n % 2 == 1;
            list.append(list.isEmpty() ? "" : ",").append("""
                    {"From_Account":"%s","To_Account":"%s","MsgSeq":%d,"MsgRandom":%d,"MsgTimeStamp":%d,\
                    "MsgFlagBits":%d,"IsPeerRead":1,"MsgKey":"%s","MsgBody":[{"MsgType":"TIMTextElem",\
                    "MsgContent":{"Text":"message %d of a benchmark conversation, with a body about as long as a \
                    short chat message usually is, so that a page weighs what Tencent's pages do"}}],\
                    "CloudCustomData":""}""".formatted(fromOperator ? operator : peer,
                    fromOperator ? peer : operator, n, 1000 + n, FIRST_MSG_TIME + n, n % 50 == 0 ? 8 : 0,
                    peer + "-" + n, n));
        }
        boolean complete = oldest <= 1;
        String cursor = newest < 1 ? ""
                : ",\"LastMsgTime\":%d,\"LastMsgKey\":\"%s\"".formatted(FIRST_MSG_TIME + oldest,
                        peer + "-" + oldest);
        return """
                {"ActionStatus":"OK","ErrorInfo":"","ErrorCode":0,"Complete":%d,"MsgCnt":%d%s,"MsgList":[%s]}"""
                .formatted(complete ? 1 : 0, Math.max(0, newest - oldest + 1), cursor, list);
    }

    private static String contacts(String request) {
        int start = Integer.parseInt(first(START_INDEX, request, "0"));
        int end = Math.min(conversations, start + CONTACTS_PER_PAGE);
        StringBuilder items = new StringBuilder();
        for (int i = start + 1; i <= end; i++) {
            items.append(items.isEmpty() ? "" : ",").append(
                    "{\"Type\":1,\"To_Account\":\"peer-%d\",\"MsgTime\":1700000000,\"TopFlag\":0}".formatted(i));
        }
        return """
                {"ActionStatus":"OK","ErrorInfo":"","ErrorCode":0,"CompleteFlag":%d,"TimeStamp":1700000000,\
                "StartIndex":%d,"TopTimeStamp":0,"TopStartIndex":0,"SessionItem":[%s]}"""
                .formatted(end >= conversations ? 1 : 0, end, items);
    }

    private static String stats() {
        List<Long> sorted;
        synchronized (arrivals) {
            sorted = new ArrayList<>(arrivals);
        }
        Collections.sort(sorted);
        if (sorted.size() < 2) {
            return "{\"calls\":" + sorted.size() + "}";
        }
        int busiest = 0;
        int from = 0;
        for (int to = 0; to < sorted.size(); to++) {
            while (sorted.get(to) - sorted.get(from) >= 1000) {
                from++;
            }
            busiest = Math.max(busiest, to - from + 1);
        }
        Map<Long, Integer> perSecond = new TreeMap<>();
        sorted.forEach(t -> perSecond.merge(t / 1000, 1, Integer::sum));
        double span = (sorted.get(sorted.size() - 1) - sorted.get(0)) / 1000.0;
        int[] quarters = new int[(int) ((sorted.get(sorted.size() - 1) - sorted.get(0)) / 250) + 1];
        sorted.forEach(t -> quarters[(int) ((t - sorted.get(0)) / 250)]++);
        StringBuilder timeline = new StringBuilder();
        for (int quarter : quarters) {
            timeline.append(timeline.isEmpty() ? "" : " ").append(quarter);
        }
        return ("{\"calls\":%d,\"rate\":%.1f,\"busiestSliding\":%d,\"busiestCalendar\":%d,\"seconds\":%.2f,"
                + "\"callsPerQuarterSecond\":\"%s\"}").formatted(sorted.size(), (sorted.size() - 1) / span, busiest,
                        perSecond.values().stream().mapToInt(Integer::intValue).max().orElse(0), span, timeline);
    }

    private static void answer(HttpExchange exchange, String json) throws IOException {
        try {
            Thread.sleep(latencyMillis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        reply(exchange, json);
    }

    private static void reply(HttpExchange exchange, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static String body(HttpExchange exchange) throws IOException {
        return new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    }

    private static String first(Pattern pattern, String text, String otherwise) {
        Matcher matcher = pattern.matcher(text);
        return matcher.find() ? matcher.group(1) : otherwise;
    }
}
