package io.msgkey.recorder.testing;

import static io.restassured.RestAssured.given;

import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Map;

import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;

/** The query string and body of one callback to {@code /tencent/callback}. */
public final class CallbackRequest {

    private final Map<String, Object> query = new LinkedHashMap<>();
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
        RequestSpecification request = given().contentType(ContentType.JSON).queryParams(query);
        request = body instanceof InputStream stream ? request.body(stream) : request.body((String) body);
        return request.post("/tencent/callback").then();
    }
}
