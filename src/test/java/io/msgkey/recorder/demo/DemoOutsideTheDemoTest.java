package io.msgkey.recorder.demo;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import org.junit.jupiter.api.Test;

import io.msgkey.recorder.tencent.UserSig;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** Outside the demo profile the simulated Tencent and the sample traffic do not exist. */
@QuarkusTest
class DemoOutsideTheDemoTest {

    @Test
    void theSimulatedAdminApiIsNotServed() {
        given().queryParam("sdkappid", 1400000000).queryParam("identifier", "administrator")
                .queryParam("usersig", UserSig.generate(1400000000L, Demo.SECRET_KEY, "administrator",
                        System.currentTimeMillis() / 1000, 86400))
                .queryParam("random", 1).queryParam("contenttype", "json").contentType(ContentType.JSON)
                .body("{\"From_Account\":\"a\",\"To_Account\":\"b\",\"MsgKey\":\"1_2_3\"}")
                .post("/demo/tencent/v4/openim/admin_msgwithdraw").then().statusCode(404);
    }

    @Test
    void sampleTrafficIsNotServed() {
        given().auth().preemptive().basic("alice", "alice-demo").contentType(ContentType.JSON)
                .post("/api/demo/sample-traffic").then().statusCode(404).body("status", equalTo(404));
    }

    @Test
    void theConsoleHasNoDemoBanner() {
        given().get("/login").then().statusCode(200).body(not(containsString("demo-sign-in")));
    }
}
