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

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A strict stand-in for Tencent's admin_msgwithdraw for the recall benchmark, run as a single-file program. It counts
 * every arriving call, refused ones included, in a sliding one-second window, as Tencent is assumed to, and answers
 * 60007 to a call that finds the window already holding {@code limit} calls; every answer comes after the given
 * latency (on a virtual thread, so delays overlap). {@code GET /stats} reports the arrivals since the last
 * {@code DELETE /stats}: count, refused, the mean rate between the first and the last, the busiest sliding and
 * calendar second, and the calls in each second. Usage: {@code java WithdrawStub.java <port> <limit> <latency-ms>}
 */
public class WithdrawStub {

    private static final String OK = "{\"ActionStatus\":\"OK\",\"ErrorInfo\":\"\",\"ErrorCode\":0}";
    private static final String REFUSED = "{\"ActionStatus\":\"FAIL\",\"ErrorInfo\":\"API call frequency limit "
            + "exceeded\",\"ErrorCode\":60007}";

    private static final List<Long> arrivals = new ArrayList<>();
    private static final ArrayDeque<Long> window = new ArrayDeque<>();
    private static int refused;
    private static int limit;
    private static int latencyMillis;

    public static void main(String[] args) throws IOException {
        int port = Integer.parseInt(args[0]);
        limit = Integer.parseInt(args[1]);
        latencyMillis = Integer.parseInt(args[2]);
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 1024);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/v4/openim/admin_msgwithdraw", exchange -> {
            boolean allowed = arrive(System.nanoTime(), System.currentTimeMillis());
            exchange.getRequestBody().readAllBytes();
            sleep(exchange.getRequestHeaders().containsKey("X-Warm-Up") ? 0 : latencyMillis);
            reply(exchange, allowed ? OK : REFUSED);
        });
        server.createContext("/stats", exchange -> {
            if (exchange.getRequestMethod().equals("DELETE")) {
                synchronized (WithdrawStub.class) {
                    arrivals.clear();
                    window.clear();
                    refused = 0;
                }
                reply(exchange, "{}");
            } else {
                reply(exchange, stats());
            }
        });
        server.start();
        warmUp(port);
        System.out.printf("withdraw stub on :%d: limit %d a second, %d ms latency%n", port, limit, latencyMillis);
    }

    /**
     * Tencent is never cold: the stub serves a few thousand calls to itself before it reports ready, so that the
     * benchmark's cold job measures a cold service, not a cold stub that logs arrivals late and in bunches.
     */
    private static void warmUp(int port) {
        HttpClient client = HttpClient.newHttpClient();
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                + "/v4/openim/admin_msgwithdraw")).header("X-Warm-Up", "1")
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build();
        try (var callers = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int caller = 0; caller < 20; caller++) {
                callers.submit(() -> {
                    for (int i = 0; i < 200; i++) {
                        client.send(request, HttpResponse.BodyHandlers.discarding());
                    }
                    return null;
                });
            }
        }
        synchronized (WithdrawStub.class) {
            arrivals.clear();
            window.clear();
            refused = 0;
        }
    }

    private static synchronized boolean arrive(long nanos, long millis) {
        while (!window.isEmpty() && nanos - window.peekFirst() >= 1_000_000_000L) {
            window.pollFirst();
        }
        window.addLast(nanos);
        arrivals.add(millis);
        boolean allowed = window.size() <= limit;
        if (!allowed) {
            refused++;
        }
        return allowed;
    }

    private static synchronized String stats() {
        List<Long> sorted = new ArrayList<>(arrivals);
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
        int[] seconds = new int[(int) ((sorted.get(sorted.size() - 1) - sorted.get(0)) / 1000) + 1];
        sorted.forEach(t -> seconds[(int) ((t - sorted.get(0)) / 1000)]++);
        StringBuilder timeline = new StringBuilder();
        for (int second : seconds) {
            timeline.append(timeline.isEmpty() ? "" : " ").append(second);
        }
        return ("{\"calls\":%d,\"refused\":%d,\"rate\":%.1f,\"busiestSliding\":%d,\"busiestCalendar\":%d,"
                + "\"seconds\":%.2f,\"callsPerSecond\":\"%s\"}").formatted(sorted.size(), refused,
                        (sorted.size() - 1) / span, busiest,
                        perSecond.values().stream().mapToInt(Integer::intValue).max().orElse(0), span, timeline);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void reply(HttpExchange exchange, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
