package io.msgkey.recorder.demo;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.msgkey.recorder.tencent.TencentConfig;
import io.smallrye.config.Secret;

/**
 * Plays Tencent's side of the callback: posts a callback to this service's own {@code /tencent/callback} over HTTP,
 * with the query string Tencent appends and signed with the configured token, so the demo goes through the real route.
 */
@ApplicationScoped
class CallbackPoster {

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(3)).build();
    private final ObjectMapper mapper;
    private final Clock clock;
    private final long sdkAppId;
    private final Optional<String> token;

    CallbackPoster(ObjectMapper mapper, Clock clock, TencentConfig config) {
        this.mapper = mapper;
        this.clock = clock;
        this.sdkAppId = config.sdkAppId();
        this.token = config.callback().token().map(Secret::get);
    }

    /** Completes with whether the service acknowledged the callback (HTTP 200, ErrorCode 0). */
    CompletableFuture<Boolean> post(URI service, ObjectNode callback, String platform) {
        String requestTime = Long.toString(clock.instant().getEpochSecond());
        Map<String, String> query = new LinkedHashMap<>();
        query.put("SdkAppid", Long.toString(sdkAppId));
        query.put("CallbackCommand", callback.get("CallbackCommand").asText());
        query.put("contenttype", "json");
        query.put("ClientIP", "198.51.100.24");
        query.put("OptPlatform", platform);
        token.ifPresent(secret -> {
            query.put("RequestTime", requestTime);
            query.put("Sign", sign(secret, requestTime));
        });
        URI uri = service.resolve("tencent/callback?" + query.entrySet().stream()
                .map(entry -> entry.getKey() + "=" + URLEncoder.encode(entry.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&")));
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(callback.toString())).build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString())
                .thenApply(response -> response.statusCode() == 200 && errorCode(response.body()) == 0)
                .exceptionally(failure -> false);
    }

    private int errorCode(String body) {
        try {
            JsonNode reply = mapper.readTree(body);
            return reply.path("ErrorCode").asInt(-1);
        } catch (IOException e) {
            return -1;
        }
    }

    /** Tencent's callback signature: lower-case hex of SHA-256 over the token followed by RequestTime. */
    private static String sign(String token, String requestTime) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest((token + requestTime).getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
