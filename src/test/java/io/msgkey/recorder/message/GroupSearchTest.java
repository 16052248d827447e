package io.msgkey.recorder.message;

import static io.msgkey.recorder.testing.Api.ALICE;
import static io.msgkey.recorder.testing.Api.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

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
import io.msgkey.recorder.testing.GroupMessages;
import io.msgkey.recorder.testing.Messages;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** One search over both chats: filters by chat and group, one newest-first order, paging across the two tables. */
@QuarkusTest
class GroupSearchTest {

    private static final Instant T0 = Instant.parse("2025-05-01T10:00:00Z");

    @Inject
    AgroalDataSource dataSource;

    private String ann;
    private String ben;
    private String red;
    private String blue;

    /** Minute by minute: ann's one-to-one messages (c), her group messages (g) and ben's, in two groups. */
    @BeforeEach
    void messages() {
        ann = Messages.unique("ann");
        ben = Messages.unique("ben");
        red = Messages.unique("@TGS#red");
        blue = Messages.unique("@TGS#blue");
        Messages.insert(dataSource, ann, ben, "c1", at(1));
        GroupMessages.insert(dataSource, red, ann, 1, at(2));
        Messages.insert(dataSource, ben, ann, "c2", at(3));
        GroupMessages.insert(dataSource, red, ben, 2, at(4));
        GroupMessages.insert(dataSource, blue, "topic-1", ann, 1, at(5));
        Messages.insert(dataSource, ann, ben, "c3", at(6));
        GroupMessages.insert(dataSource, red, ann, 3, at(6));
    }

    @Test
    void fromCoversBothChatsNewestFirst() {
        assertThat(labels(search("from", ann))).containsExactly("group:" + red + ":3", "c3",
                "group:" + blue + ":1", "group:" + red + ":1", "c1");
    }

    @Test
    void userIsTheGroupSenderAndEitherSideOfOneToOne() {
        assertThat(labels(search("user", ann))).containsExactly("group:" + red + ":3", "c3",
                "group:" + blue + ":1", "c2", "group:" + red + ":1", "c1");
    }

    @Test
    void chatNarrowsToOneKind() {
        assertThat(labels(search("from", ann, "chat", "c2c"))).containsExactly("c3", "c1");
        assertThat(labels(search("from", ann, "chat", "group"))).containsExactly("group:" + red + ":3",
                "group:" + blue + ":1", "group:" + red + ":1");
    }

    @Test
    void groupSearchesOneGroupWithOrWithoutASender() {
        assertThat(labels(search("group", red))).containsExactly("group:" + red + ":3", "group:" + red + ":2",
                "group:" + red + ":1");
        assertThat(labels(search("group", red, "from", ben))).containsExactly("group:" + red + ":2");
        assertThat(labels(search("group", red, "chat", "group", "user", ann, "until", at(6).toString())))
                .containsExactly("group:" + red + ":1");
    }

    @Test
    void toAndPeerSearchOneToOneMessagesOnly() {
        assertThat(labels(search("from", ann, "to", ben))).containsExactly("c3", "c1");
        assertThat(labels(search("user", ann, "peer", ben))).containsExactly("c3", "c2", "c1");
    }

    @Test
    void groupItemsNameTheirGroupAndTopicAndOneToOneItemsKeepEveryField() {
        JsonPath page = search("from", ann, "since", at(5).toString());
        Map<String, Object> group = page.getMap("items[0]");
        assertThat(group).containsEntry("chat", "group").containsEntry("groupId", red).containsEntry("topicId", null)
                .containsEntry("to", null).containsEntry("msgKey", null).containsEntry("from", ann)
                .containsEntry("msgSeq", 3).containsEntry("delivered", true).containsEntry("source", "callback");
        assertThat(page.getMap("items[1]")).containsEntry("chat", "c2c").containsEntry("to", ben)
                .containsEntry("msgKey", "c3").containsEntry("groupId", null).containsKeys("id", "msgSeq",
                        "msgRandom", "msgTime", "msgTimeEstimated", "delivered", "recalledAt", "recallSource");
        assertThat(page.getMap("items[2]")).containsEntry("groupId", blue).containsEntry("topicId", "topic-1");
    }

    @Test
    void pagingVisitsEveryMessageOfBothChatsOnceInOrder() {
        List<String> seen = new ArrayList<>();
        String cursor = "";
        int pages = 0;
        do {
            JsonPath page = as(ALICE).queryParam("user", ann).queryParam("limit", 2).queryParam("cursor", cursor)
                    .get("/api/messages").then().statusCode(200).extract().jsonPath();
            seen.addAll(labels(page));
            cursor = page.getString("nextCursor");
            pages++;
        } while (cursor != null);
        assertThat(pages).isEqualTo(3);
        assertThat(seen).containsExactly("group:" + red + ":3", "c3", "group:" + blue + ":1", "c2",
                "group:" + red + ":1", "c1");
    }

    @Test
    void countAddsBothChatsAndStatesApplyToGroupMessages() {
        count(6, "user", ann);
        count(5, "from", ann, "chat", "all");
        count(3, "group", red);
        long recalled = GroupMessages.insert(dataSource, red, ann, 4, at(7));
        GroupMessages.markRecalled(dataSource, recalled);
        count(3, "group", red);
        count(1, "group", red, "state", "recalled");
        count(4, "group", red, "state", "all");
        count(0, "group", red, "state", "undelivered");
        assertThat(labels(search("group", red, "state", "recalled"))).containsExactly("group:" + red + ":4");
    }

    /**
     * A rare state is paged on the index before its rows are read (MessageQuery.page): across pages of both chats it
     * still yields every matching message once, newest first, ties on MsgTime by id, as its count says.
     */
    @Test
    void aRareStateOfABusySenderIsPagedAcrossBothChatsInOrder() {
        String fay = Messages.unique("fay");
        List<String> recalled = new ArrayList<>();
        List<String> undelivered = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            // two messages a minute, one-to-one (even i) and group (odd i), so that pages tie on MsgTime across chats
            Instant time = at(10 + i / 2);
            String label = i % 2 == 0 ? "fay-" + i : "group:" + red + ":" + (100 + i);
            boolean recall = i % 3 == 0;
            long id;
            if (i % 2 == 0) {
                id = Messages.insert(dataSource, fay, ben, label, time, i % 8 == 2 ? 80001 : 0);
                if (recall) {
                    Messages.markRecalled(dataSource, id);
                }
                if (i % 8 == 2) {
                    undelivered.add(0, label);
                }
            } else {
                id = GroupMessages.insert(dataSource, red, fay, 100 + i, time);
                if (recall) {
                    GroupMessages.markRecalled(dataSource, id);
                }
            }
            if (recall) {
                recalled.add(0, label);
            }
        }

        assertThat(pagedLabels("from", fay, "state", "recalled")).containsExactlyElementsOf(recalled);
        assertThat(pagedLabels("from", fay, "state", "undelivered")).containsExactlyElementsOf(undelivered);
        count(recalled.size(), "from", fay, "state", "recalled");
        count(undelivered.size(), "from", fay, "state", "undelivered");
    }

    /** Every page of a search, three items a page. */
    private static List<String> pagedLabels(String... parameters) {
        List<String> seen = new ArrayList<>();
        String cursor = "";
        do {
            var request = as(ALICE).queryParam("limit", 3).queryParam("cursor", cursor);
            for (int i = 0; i < parameters.length; i += 2) {
                request.queryParam(parameters[i], parameters[i + 1]);
            }
            JsonPath page = request.get("/api/messages").then().statusCode(200).extract().jsonPath();
            seen.addAll(labels(page));
            cursor = page.getString("nextCursor");
        } while (cursor != null);
        return seen;
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "from=x&chat=private          | chat",
            "group=g&chat=c2c             | group",
            "group=g&to=x                 | to",
            "chat=group&to=x              | to",
            "chat=group&user=x&peer=y     | peer",
            "chat=group                   | from",
            "group=a%00b                  | group",
    })
    void contradictionsAreRefusedNamingTheParameter(String query, String parameter) {
        as(ALICE).urlEncodingEnabled(false).get("/api/messages?" + query).then().statusCode(400)
                .body("parameter", equalTo(parameter));
        as(ALICE).urlEncodingEnabled(false).get("/api/messages/count?" + query).then().statusCode(400)
                .body("parameter", equalTo(parameter));
    }

    @Test
    void theConsoleSearchPageOffersTheChatAndGroupFiltersAndAGroupColumn() {
        String page = as(ALICE).accept("text/html").get("/console/search").then().statusCode(200).extract().asString();
        assertThat(page).contains("<option value=\"all\">All chats</option>")
                .contains("<option value=\"c2c\">One-to-one</option>").contains("<option value=\"group\">Groups</option>")
                .contains("<input id=\"group\" name=\"group\"").contains("<th scope=\"col\">Group</th>")
                .contains("id=\"preview-groups\"");
    }

    private static void count(int expected, String... parameters) {
        var request = as(ALICE);
        for (int i = 0; i < parameters.length; i += 2) {
            request.queryParam(parameters[i], parameters[i + 1]);
        }
        request.get("/api/messages/count").then().statusCode(200).body("count", equalTo(expected));
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

    /** {@code c3} for a one-to-one message, {@code group:<id>:<seq>} for a group message. */
    private static List<String> labels(JsonPath page) {
        return page.getList("items", Map.class).stream().map(item -> "group".equals(item.get("chat"))
                ? "group:" + item.get("groupId") + ":" + item.get("msgSeq")
                : (String) item.get("msgKey")).toList();
    }
}
