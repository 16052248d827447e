import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
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
 * A strict stand-in for Tencent's admin_msgwithdraw and group_msg_recall for the recall benchmark, run as a single-file
 * program. For each API apart it counts every arriving call, refused ones included, in a sliding one-second window, as
 * Tencent is assumed to, and answers 60007 (10006 for groups) to a call that finds the window already holding
 * {@code limit} calls; every answer comes after the given latency (on a virtual thread, so delays overlap), a group
 * recall with RetCode 0 for each MsgSeq. {@code GET /stats?api=withdraw|group} reports the arrivals since the last
 * {@code DELETE /stats}: count, refused, the mean rate between the first and the last (and their epoch milliseconds), the
 * busiest sliding and
 * calendar second, and the calls in each second; with the service's send gate at DEBUG (each call then carries the time it
 * passed the gate) also the delay from gate to arrival per second, the connections opened per second, the busiest
 * sliding second to the microsecond and when the refused calls arrived. Usage:
 * {@code java WithdrawStub.java <port> <limit> <latency-ms>}
 */
public class WithdrawStub {

    private static final String OK = "{\"ActionStatus\":\"OK\",\"ErrorInfo\":\"\",\"ErrorCode\":0}";
    private static final Pattern MSG_SEQ = Pattern.compile("\"MsgSeq\"\\s*:\\s*(\\d+)");

    private static int limit;
    private static int latencyMillis;
    private static final Api withdraw = new Api();
    private static final Api group = new Api();

    public static void main(String[] args) throws IOException {
        int port = Integer.parseInt(args[0]);
        limit = Integer.parseInt(args[1]);
        latencyMillis = Integer.parseInt(args[2]);
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 1024);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/v4/openim/admin_msgwithdraw", exchange -> {
            boolean allowed = withdraw.arrive(System.nanoTime(), exchange);
            exchange.getRequestBody().readAllBytes();
            pause(exchange);
            reply(exchange, allowed ? OK : refused(60007));
        });
        server.createContext("/v4/group_open_http_svc/group_msg_recall", exchange -> {
            boolean allowed = group.arrive(System.nanoTime(), exchange);
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            pause(exchange);
            reply(exchange, allowed ? recalled(body) : refused(10006));
        });
        server.createContext("/stats", exchange -> {
            if (exchange.getRequestMethod().equals("DELETE")) {
                withdraw.clear();
                group.clear();
                reply(exchange, "{}");
            } else {
                String query = exchange.getRequestURI().getQuery();
                reply(exchange, (query != null && query.contains("api=group") ? group : withdraw).stats());
            }
        });
        server.start();
        warmUp(port);
        System.out.printf("withdraw stub on :%d: limit %d a second per API, %d ms latency%n", port, limit,
                latencyMillis);
    }

    private static String refused(int code) {
        return "{\"ActionStatus\":\"FAIL\",\"ErrorInfo\":\"API call frequency limit exceeded\",\"ErrorCode\":" + code
                + "}";
    }

    private static String recalled(String body) {
        StringBuilder list = new StringBuilder();
        Matcher seq = MSG_SEQ.matcher(body);
        while (seq.find()) {
            list.append(list.isEmpty() ? "" : ",").append("{\"MsgSeq\":").append(seq.group(1)).append(",\"RetCode\":0}");
        }
        return "{\"ActionStatus\":\"OK\",\"ErrorInfo\":\"\",\"ErrorCode\":0,\"RecallRetList\":[" + list + "]}";
    }

    private static void pause(HttpExchange exchange) {
        if (!exchange.getRequestHeaders().containsKey("X-Warm-Up")) {
            try {
                Thread.sleep(latencyMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * Tencent is never cold: the stub serves a few thousand calls to itself before it reports ready, so that the
     * benchmark's cold job measures a cold service, not a cold stub that logs arrivals late and in bunches.
     */
    private static void warmUp(int port) {
        HttpClient client = HttpClient.newHttpClient();
        List<HttpRequest> requests = List.of("/v4/openim/admin_msgwithdraw", "/v4/group_open_http_svc/group_msg_recall")
                .stream().map(path -> HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                        .header("X-Warm-Up", "1").POST(HttpRequest.BodyPublishers.ofString("{\"MsgSeq\":1}")).build())
                .toList();
        try (var callers = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int caller = 0; caller < 20; caller++) {
                callers.submit(() -> {
                    for (int i = 0; i < 200; i++) {
                        client.send(requests.get(i % 2), HttpResponse.BodyHandlers.discarding());
                    }
                    return null;
                });
            }
        }
        withdraw.clear();
        group.clear();
    }

    private static void reply(HttpExchange exchange, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    /** One API's arrivals, its sliding window and its refusals. */
    private static final class Api {
        private final List<Long> arrivals = new ArrayList<>();
        private final ArrayDeque<Long> window = new ArrayDeque<>();
        private final List<Long> refusedAt = new ArrayList<>();
        /** Per arrival, in order: its epoch microseconds, the gate-pass microseconds it carried (0 if none), its port. */
        private final List<long[]> details = new ArrayList<>();
        private final Map<Integer, Long> connections = new TreeMap<>();
        private int refused;

        synchronized boolean arrive(long nanos, HttpExchange exchange) {
            java.time.Instant now = java.time.Instant.now();
            long micros = now.getEpochSecond() * 1_000_000 + now.getNano() / 1000;
            while (!window.isEmpty() && nanos - window.peekFirst() >= 1_000_000_000L) {
                window.pollFirst();
            }
            window.addLast(nanos);
            arrivals.add(micros / 1000);
            String passed = exchange.getRequestHeaders().getFirst("X-MsgKey-Gate-Passed-At");
            int port = exchange.getRemoteAddress().getPort();
            details.add(new long[] { micros, passed == null ? 0 : Long.parseLong(passed), port });
            connections.putIfAbsent(port, micros);
            boolean allowed = window.size() <= limit;
            if (!allowed) {
                refused++;
                refusedAt.add(micros);
            }
            return allowed;
        }

        synchronized void clear() {
            arrivals.clear();
            window.clear();
            refusedAt.clear();
            details.clear();
            connections.clear();
            refused = 0;
        }

        /**
         * Where the time between the service's send gate and the arrival went: the delays (ms) overall and per second of
         * the job, the connections opened per second, and when the refused calls arrived (ms after the first call).
         */
        private String diagnosis() {
            if (details.isEmpty()) {
                return "";
            }
            long start = details.get(0)[0];
            int secondsLong = (int) ((details.get(details.size() - 1)[0] - start) / 1_000_000) + 1;
            List<List<Long>> delays = new ArrayList<>();
            for (int i = 0; i < secondsLong; i++) {
                delays.add(new ArrayList<>());
            }
            List<Long> all = new ArrayList<>();
            for (long[] d : details) {
                if (d[1] != 0) {
                    delays.get((int) ((d[0] - start) / 1_000_000)).add(d[0] - d[1]);
                    all.add(d[0] - d[1]);
                }
            }
            int[] opened = new int[secondsLong];
            for (long first : connections.values()) {
                int at = (int) ((first - start) / 1_000_000);
                if (at >= 0 && at < secondsLong) {
                    opened[at]++;
                }
            }
            StringBuilder p50 = new StringBuilder();
            StringBuilder max = new StringBuilder();
            StringBuilder open = new StringBuilder();
            for (int i = 0; i < secondsLong; i++) {
                p50.append(i == 0 ? "" : " ").append(percentile(delays.get(i), 50));
                max.append(i == 0 ? "" : " ").append(percentile(delays.get(i), 100));
                open.append(i == 0 ? "" : " ").append(opened[i]);
            }
            StringBuilder refusals = new StringBuilder();
            refusedAt.forEach(t -> refusals.append(refusals.isEmpty() ? "" : " ").append((t - start) / 1000));
            // the busiest sliding window by microseconds: where it starts and what delays its calls had
            int best = 0;
            int bestFrom = 0;
            for (int from = 0, to = 0; to < details.size(); to++) {
                while (details.get(to)[0] - details.get(from)[0] >= 1_000_000) {
                    from++;
                }
                if (to - from + 1 > best) {
                    best = to - from + 1;
                    bestFrom = from;
                }
            }
            return (",\"delayMsP50\":%s,\"delayMsP99\":%s,\"delayMsMax\":%s,\"delayMsP50PerSecond\":\"%s\","
                    + "\"delayMsMaxPerSecond\":\"%s\",\"connections\":%d,\"connectionsOpenedPerSecond\":\"%s\","
                    + "\"refusedAtMs\":\"%s\",\"busiestSlidingMicros\":%d,\"busiestStartsAtMs\":%d").formatted(
                            percentile(all, 50), percentile(all, 99), percentile(all, 100), p50, max,
                            connections.size(), open, refusals, best, (details.get(bestFrom)[0] - start) / 1000);
        }

        private static String percentile(List<Long> micros, int p) {
            if (micros.isEmpty()) {
                return "null";
            }
            List<Long> sorted = new ArrayList<>(micros);
            Collections.sort(sorted);
            int at = Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1);
            return "%.1f".formatted(sorted.get(Math.max(0, at)) / 1000.0);
        }

        synchronized String stats() {
            List<Long> sorted = new ArrayList<>(arrivals);
            Collections.sort(sorted);
            if (sorted.size() < 2) {
                return "{\"calls\":" + sorted.size() + ",\"refused\":" + refused + "}";
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
            int[] seconds = new int[(int) ((sorted.get(sorted.size() - 1) - sorted.get(0)) / 1000) + 1];
            sorted.forEach(t -> seconds[(int) ((t - sorted.get(0)) / 1000)]++);
            StringBuilder timeline = new StringBuilder();
            for (int second : seconds) {
                timeline.append(timeline.isEmpty() ? "" : " ").append(second);
            }
            return ("{\"calls\":%d,\"refused\":%d,\"rate\":%.1f,\"busiestSliding\":%d,\"busiestCalendar\":%d,"
                    + "\"seconds\":%.2f,\"callsPerSecond\":\"%s\",\"firstAt\":%d,\"lastAt\":%d%s}").formatted(
                            sorted.size(), refused, (sorted.size() - 1) / span, busiest,
                            perSecond.values().stream().mapToInt(Integer::intValue).max().orElse(0), span, timeline,
                            sorted.get(0), sorted.get(sorted.size() - 1), diagnosis());
        }
    }
}
