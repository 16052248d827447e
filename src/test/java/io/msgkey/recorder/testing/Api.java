package io.msgkey.recorder.testing;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

/** Requests to /api signed in over real HTTP Basic as one of the demo users of the test profile. */
public final class Api {

    /** Moderators. */
    public static final String ALICE = "alice";
    public static final String BOB = "bob";
    /** Auditor. */
    public static final String CAROL = "carol";
    /** Importer: the app's server, which may only import. */
    public static final String IVAN = "ivan";
    /** Compliance: legal holds, data-subject requests, retention. */
    public static final String CORA = "cora";

    private Api() {
    }

    public static RequestSpecification as(String user) {
        return given().auth().preemptive().basic(user, user + "-demo").contentType(ContentType.JSON);
    }

    public static RequestSpecification anonymous() {
        return given().contentType(ContentType.JSON);
    }
}
