package io.msgkey.recorder.message;

import static io.msgkey.recorder.testing.Api.ALICE;
import static io.msgkey.recorder.testing.Api.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.agroal.api.AgroalDataSource;
import io.msgkey.recorder.testing.Messages;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

@QuarkusTest
class MessageSearchTest {

    private static final Instant T0 = Instant.parse("2024-03-01T10:00:00Z");

    @Inject
    AgroalDataSource dataSource;

    private String ann;
    private String ben;
    private String cat;

    /** ann -> ben three times, ben -> ann twice, ann -> cat once, cat -> ben once, ann -> ann once. */
    @BeforeEach
    void conversations() {
        ann = Messages.unique("ann");
        ben = Messages.unique("ben");
        cat = Messages.unique("cat");
        insert(ann, ben, "ab1", 1);
        insert(ann, ben, "ab2", 2);
        insert(ben, ann, "ba1", 3);
        insert(ann, cat, "ac1", 4);
        insert(cat, ben, "cb1", 5);
        insert(ben, ann, "ba2", 6);
        insert(ann, ben, "ab3", 7);
        insert(ann, ann, "aa1", 8);
    }

    @Test
    void bySenderNewestFirst() {
        assertThat(keys(search("from", ann))).containsExactly("aa1", "ab3", "ac1", "ab2", "ab1");
    }

    @Test
    void byRecipient() {
        assertThat(keys(search("to", ben))).containsExactly("ab3", "cb1", "ab2", "ab1");
    }

    @Test
    void byUserSentOrReceivedWithoutCountingSelfMessagesTwice() {
        assertThat(keys(search("user", ann))).containsExactly("aa1", "ab3", "ba2", "ac1", "ba1", "ab2", "ab1");
    }

    @Test
    void conversationIsBothDirections() {
        assertThat(keys(search("user", ann, "peer", ben))).containsExactly("ab3", "ba2", "ba1", "ab2", "ab1");
        assertThat(keys(search("user", ann, "peer", ann))).containsExactly("aa1");
    }

    @Test
    void senderAndRecipientIsOneDirection() {
        assertThat(keys(search("from", ben, "to", ann))).containsExactly("ba2", "ba1");
    }

    @Test
    void userCombinedWithSenderOrRecipient() {
        assertThat(keys(search("user", ann, "from", ben))).containsExactly("ba2", "ba1");
        assertThat(keys(search("user", ann, "to", cat))).containsExactly("ac1");
        assertThat(keys(search("user", ann, "peer", ben, "from", cat))).isEmpty();
    }

    @Test
    void timeRangeIsSinceInclusiveUntilExclusive() {
        assertThat(keys(search("from", ann, "since", at(2).toString(), "until", at(7).toString())))
                .containsExactly("ac1", "ab2");
        assertThat(keys(search("user", ann, "since", at(6).toString()))).containsExactly("aa1", "ab3", "ba2");
        assertThat(keys(search("to", ann, "until", at(6).toString()))).containsExactly("ba1");
    }

    @Test
    void timeRangeAloneIsAFilter() {
        Instant lonely = Instant.parse("1999-01-01T00:00:00Z");
        String key = Messages.unique("time-only");
        Messages.insert(dataSource, Messages.unique("x"), Messages.unique("y"), key, lonely);
        assertThat(keys(search("since", lonely.toString(), "until", lonely.plusSeconds(1).toString())))
                .containsExactly(key);
    }

    @Test
    void offsetsOtherThanZuluAreAccepted() {
        assertThat(keys(search("from", ann, "since", "2024-03-01T18:07:00+08:00"))).containsExactly("aa1", "ab3");
    }

    @Test
    void stateSelectsActiveRecalledUndeliveredOrAll() {
        String dan = Messages.unique("dan");
        long recalled = Messages.insert(dataSource, dan, ben, "recalled", at(1));
        Messages.markRecalled(dataSource, recalled);
        Messages.insert(dataSource, dan, ben, "undelivered", at(2), 80001);
        Messages.insert(dataSource, dan, ben, "active", at(3));

        assertThat(keys(search("from", dan))).containsExactly("active");
        assertThat(keys(search("from", dan, "state", "active"))).containsExactly("active");
        assertThat(keys(search("from", dan, "state", "recalled"))).containsExactly("recalled");
        assertThat(keys(search("from", dan, "state", "undelivered"))).containsExactly("undelivered");
        assertThat(keys(search("from", dan, "state", "all"))).containsExactly("active", "undelivered", "recalled");
        JsonPath recalledItem = search("from", dan, "state", "recalled");
        assertThat(recalledItem.getBoolean("items[0].delivered")).isTrue();
        assertThat(recalledItem.getString("items[0].recalledAt")).isNotNull();
        assertThat(recalledItem.getString("items[0].recallSource")).isEqualTo("tencent");
        assertThat(search("from", dan, "state", "undelivered").getBoolean("items[0].delivered")).isFalse();
    }

    @Test
    void itemsCarryTheMessageIdentity() {
        JsonPath page = search("from", ann, "to", cat);
        assertThat(page.getMap("items[0]")).containsKeys("id", "from", "to", "msgKey", "msgSeq", "msgRandom",
                "msgTime", "delivered", "recalledAt", "recallSource");
        assertThat(page.getString("items[0].from")).isEqualTo(ann);
        assertThat(page.getString("items[0].to")).isEqualTo(cat);
        assertThat(page.getString("items[0].msgKey")).isEqualTo("ac1");
        assertThat(page.getLong("items[0].msgSeq")).isEqualTo(1);
        assertThat(page.getLong("items[0].msgRandom")).isEqualTo(2);
        assertThat(Instant.parse(page.getString("items[0].msgTime"))).isEqualTo(at(4));
        assertThat(page.getString("nextCursor")).isNull();
        assertThat(Instant.parse(page.getString("asOf"))).isBetween(Instant.now().minusSeconds(60), Instant.now());
    }

    @Test
    void pagingThroughTiesOnMsgTimeVisitsEveryMessageOnce() {
        String eve = Messages.unique("eve");
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            ids.add(Messages.insert(dataSource, eve, ben, "tie-" + i, T0));
        }
        List<Long> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            JsonPath page = as(ALICE).queryParam("from", eve).queryParam("limit", 10)
                    .queryParam("cursor", cursor == null ? "" : cursor).get("/api/messages").then().statusCode(200)
                    .extract().jsonPath();
            seen.addAll(page.getList("items.id", Long.class));
            cursor = page.getString("nextCursor");
            pages++;
        } while (cursor != null);

        assertThat(pages).isEqualTo(3);
        assertThat(seen).doesNotHaveDuplicates().containsExactlyElementsOf(ids.reversed());
    }

    @Test
    void pagingThroughTheUnionOfTwoBranches() {
        List<String> seen = new ArrayList<>();
        String cursor = "";
        do {
            JsonPath page = as(ALICE).queryParam("user", ann).queryParam("limit", 2).queryParam("cursor", cursor)
                    .get("/api/messages").then().statusCode(200).extract().jsonPath();
            seen.addAll(page.getList("items.msgKey", String.class));
            cursor = page.getString("nextCursor");
        } while (cursor != null);
        assertThat(seen).containsExactly("aa1", "ab3", "ba2", "ac1", "ba1", "ab2", "ab1");
    }

    @Test
    void countMatchesTheSearch() {
        as(ALICE).queryParam("user", ann).get("/api/messages/count").then().statusCode(200).body("count",
                equalTo(7));
        as(ALICE).queryParam("user", ann).queryParam("peer", ben).get("/api/messages/count").then().statusCode(200)
                .body("count", equalTo(5));
        as(ALICE).queryParam("user", ann).queryParam("peer", ben).queryParam("from", cat).get("/api/messages/count")
                .then().statusCode(200).body("count", equalTo(0));
    }

    @Test
    void lastPageHasNoCursor() {
        as(ALICE).queryParam("from", ann).queryParam("limit", 5).get("/api/messages").then().statusCode(200)
                .body("nextCursor", nullValue());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "from={ann}&state=unknown                                               | state",
            "from={ann}&since=2024-01-01T00:00:00Z&until=2024-01-01T00:00:00Z       | until",
            "from={ann}&since=2024-02-01T00:00:00Z&until=2024-01-01T00:00:00Z       | until",
            "from={ann}&since=yesterday                                             | since",
            "from={ann}&until=2024-01-01                                            | until",
            "from={ann}&limit=0                                                     | limit",
            "from={ann}&limit=1001                                                  | limit",
            "from={ann}&limit=ten                                                   | limit",
            "from={ann}&cursor=bm90LWEtY3Vyc29y                                     | cursor",
            "from={ann}&cursor=AAAA                                                 | cursor",
            "peer={ann}                                                             | peer",
            "to=&state=all                                                          | from",
            "from=a%00b                                                             | from",
            "from={ann}&since=%2B300000-01-01T00:00:00Z                             | since",
            "from={ann}&until=-5000-01-01T00:00:00Z                                 | until",
            "user={ann}&Peer=ben                                                    | Peer",
            "sender={ann}                                                           | sender",
    })
    void badParametersAreRefusedNamingTheParameter(String query, String parameter) {
        as(ALICE).urlEncodingEnabled(false).get("/api/messages?" + query.replace("{ann}", ann)).then().statusCode(400)
                .body("status", equalTo(400)).body("parameter", equalTo(parameter));
        as(ALICE).urlEncodingEnabled(false).get("/api/messages/count?" + query.replace("{ann}", ann)).then()
                .statusCode(400).body("parameter", equalTo(parameter));
    }

    @Test
    void cursorOfAnotherSearchOrEditedIsRefused() {
        String cursor = search("from", ann, "limit", "2").getString("nextCursor");
        as(ALICE).queryParam("from", ben).queryParam("cursor", cursor).get("/api/messages").then().statusCode(400)
                .body("parameter", equalTo("cursor"));
        String tampered = cursor.substring(0, cursor.length() - 2) + (cursor.endsWith("A") ? "BB" : "AA");
        as(ALICE).queryParam("from", ann).queryParam("cursor", tampered).get("/api/messages").then().statusCode(400)
                .body("parameter", equalTo("cursor"));
    }

    @Test
    void injectionShapedValuesAreMatchedLiterally() {
        String quote = "o'brien\" OR 1=1; --" + Messages.unique("");
        String percent = "100%_" + Messages.unique("");
        Messages.insert(dataSource, quote, percent, "literal", T0);
        assertThat(keys(search("from", quote))).containsExactly("literal");
        assertThat(keys(search("to", percent))).containsExactly("literal");
        assertThat(keys(search("from", "o'brien\" OR 1=1; --"))).isEmpty();
        assertThat(keys(search("to", "100%_"))).isEmpty();
    }

    private void insert(String from, String to, String key, int minute) {
        Messages.insert(dataSource, from, to, key, at(minute));
    }

    private static Instant at(int minute) {
        return T0.plusSeconds(60L * minute);
    }

    private static JsonPath search(String... parameters) {
        var request = as(ALICE);
        for (int i = 0; i < parameters.length; i += 2) {
            request.queryParam(parameters[i], parameters[i + 1]);
        }
        return request.get("/api/messages").then().statusCode(200).extract().jsonPath();
    }

    private static List<String> keys(JsonPath page) {
        return page.getList("items", Map.class).stream().map(item -> (String) item.get("msgKey")).toList();
    }
}
