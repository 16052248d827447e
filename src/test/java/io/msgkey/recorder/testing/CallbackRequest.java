package io.msgkey.recorder.testing;

import static io.restassured.RestAssured.given;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

import io.restassured.RestAssured;
import io.restassured.builder.ResponseBuilder;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;

/** The query string and body of one callback to {@code /tencent/callback}. */
public final class CallbackRequest {

    private final Map<String, Object> query = new LinkedHashMap<>();
    private final Map<String, String> headers = new LinkedHashMap<>();
    private Object body = "";

    CallbackRequest() {
    }

    /** Sets a query parameter; null leaves it out. */
    public CallbackRequest param(String name, Object value) {
        if (value == null) {
            query.remove(name);
        } else {
            query.put(name, value);
        }
        return this;
    }

    /** A request header, as a proxy in front of the service would add (X-Forwarded-For). */
    public CallbackRequest header(String name, String value) {
        headers.put(name, value);
        return this;
    }

    public CallbackRequest body(String json) {
        this.body = json;
        return this;
    }

    /** A body sent without Content-Length (chunked). */
    public CallbackRequest body(InputStream stream) {
        this.body = stream;
        return this;
    }

    public ValidatableResponse post() {
        if (body instanceof InputStream stream) {
            return postChunked(stream);
        }
        RequestSpecification request = given().contentType(ContentType.JSON).headers(headers).queryParams(query)
                .body((String) body);
        return request.post("/tencent/callback").then();
    }

    /** REST Assured would buffer a stream and send its length; the JDK client streams it in chunks. */
    private ValidatableResponse postChunked(InputStream stream) {
        String parameters = query.entrySet().stream().map(parameter -> encode(parameter.getKey()) + "="
                + encode(String.valueOf(parameter.getValue()))).collect(Collectors.joining("&"));
        URI uri = URI.create(RestAssured.baseURI + ":" + RestAssured.port + "/tencent/callback?" + parameters);
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).header("Content-Type", "application/json")
                .POST(BodyPublishers.ofInputStream(() -> stream));
        headers.forEach(request::header);
        try (HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()) {
            HttpResponse<String> response = client.send(request.build(), BodyHandlers.ofString());
            return new ResponseBuilder().setStatusCode(response.statusCode()).setBody(response.body())
                    .setContentType(response.headers().firstValue("Content-Type").orElse("")).build().then();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
