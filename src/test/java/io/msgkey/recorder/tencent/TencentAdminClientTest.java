package io.msgkey.recorder.tencent;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

import io.msgkey.recorder.recall.RecallVerdicts;
import io.msgkey.recorder.tencent.WithdrawOutcome.Result;
import io.msgkey.recorder.testing.TencentStub;
import io.msgkey.recorder.testing.TestClock;
import io.msgkey.recorder.testing.UserSigDecoder;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@WithTestResource(value = TencentStub.class, scope = TestResourceScope.GLOBAL)
class TencentAdminClientTest {

    private static final String WITHDRAW = "/v4/openim/admin_msgwithdraw";
    private static final String ROAM = "/v4/openim/admin_getroammsg";
    private static final String GET_LIST = "/v4/recentcontact/get_list";
    private static final ObjectMapper JSON = new ObjectMapper();
    /** tencent.api.read-timeout in the test profile. */
    private static final int READ_TIMEOUT_MILLIS = 4000;

    @TencentStub.Inject
    WireMockServer tencent;

    @Inject
    TencentAdminClient client;

    @Inject
    TestClock clock;

    @BeforeEach
    void resetStub() {
        tencent.resetAll();
    }

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void withdrawSendsTheDocumentedQueryAndBody() throws Exception {
        reply(WITHDRAW, 0);

        WithdrawOutcome outcome = client.withdraw("vinson", "dramon", "31906_833502_1572869830");

        assertThat(outcome.result()).isEqualTo(Result.RECALLED);
        assertThat(outcome.attempts()).isEqualTo(1);
        LoggedRequest request = onlyRequest();
        assertThat(request.getMethod().getName()).isEqualTo("POST");
        assertThat(request.queryParameter("sdkappid").values()).containsExactly("1400000000");
        assertThat(request.queryParameter("identifier").values()).containsExactly("administrator");
        assertThat(request.queryParameter("contenttype").values()).containsExactly("json");
        long random = Long.parseLong(request.queryParameter("random").firstValue());
        assertThat(random).isBetween(0L, 4294967295L);
        JsonNode userSig = UserSigDecoder.decode(request.queryParameter("usersig").firstValue());
        assertThat(userSig.get("TLS.identifier").asText()).isEqualTo("administrator");
        assertThat(userSig.get("TLS.sdkappid").asLong()).isEqualTo(1400000000L);
        assertThat(userSig.get("TLS.sig").asText()).isEqualTo(UserSig.signature(1400000000L,
                "5bd2850fff3ecb11d7c805251c51ee463a25727bddc2385f3fa8bfee1bb93b5e", "administrator",
                userSig.get("TLS.time").asLong(), userSig.get("TLS.expire").asLong()));
        assertThat(JSON.readTree(request.getBodyAsString())).isEqualTo(JSON.readTree(
                "{\"From_Account\":\"vinson\",\"To_Account\":\"dramon\",\"MsgKey\":\"31906_833502_1572869830\"}"));
        assertThat(request.getHeader("Content-Type")).startsWith("application/json");
    }

    @Test
    void randomIsFreshForEveryCall() {
        reply(WITHDRAW, 0);
        IntStream.range(0, 5).forEach(i -> client.withdraw("a", "b", "k" + i));
        assertThat(tencent.getAllServeEvents().stream()
                .map(event -> event.getRequest().queryParameter("random").firstValue()).distinct()).hasSize(5);
    }

    @ParameterizedTest
    @ValueSource(ints = { 20022 })
    void notFound(int code) {
        assertFinal(code, Result.NOT_FOUND);
    }

    @Test
    void alreadyRecalled() {
        assertFinal(20023, Result.ALREADY_RECALLED);
    }

    @ParameterizedTest
    @ValueSource(ints = { 90001, 90003, 90008, 90054, 70402 })
    void invalidRequestsAreFinalForTheItem(int code) {
        assertFinal(code, Result.INVALID);
    }

    @ParameterizedTest
    @ValueSource(ints = { 70003, 70005, 70009, 70013, 70014, 70016, 70020, 60010, 60020, 60021, 60025, 60026, 60016,
            90009 })
    void configurationErrorsAreNotRetried(int code) {
        assertFinal(code, Result.CONFIG_ERROR);
    }

    @ParameterizedTest
    @ValueSource(ints = { 80002, 70398, 123456 })
    void unknownCodesFailWithTheCodeKept(int code) {
        assertFinal(code, Result.FAILED);
    }

    @ParameterizedTest
    @ValueSource(ints = { 60004, 60005, 60008, 60014, 70169, 70202, 70500, 90994, 90995, 91000 })
    void transientErrorsAreRetriedUntilTheRetriesRunOut(int code) {
        reply(WITHDRAW, code);
        WithdrawOutcome outcome = client.withdraw("a", "b", "k");
        assertThat(outcome.result()).isEqualTo(Result.TRANSIENT);
        assertThat(outcome.errorCode()).isEqualTo(code);
        assertThat(outcome.attempts()).isEqualTo(5);
        assertThat(tencent.getAllServeEvents()).hasSize(5);
    }

    @ParameterizedTest
    @ValueSource(ints = { 60007, 60011, 60018, 60019 })
    void rateLimitedErrorsAreRetriedUntilTheRetriesRunOut(int code) {
        reply(WITHDRAW, code);
        WithdrawOutcome outcome = client.withdraw("a", "b", "k");
        assertThat(outcome.result()).isEqualTo(Result.RATE_LIMITED);
        assertThat(outcome.errorCode()).isEqualTo(code);
        // each of the five attempts first absorbs three refusals, which Tencent did not act on
        assertThat(outcome.attempts()).isEqualTo(5);
        assertThat(tencent.getAllServeEvents()).hasSize(20);
    }

    @Test
    void backoffGrowsBetweenRetries() {
        reply(WITHDRAW, 91000);
        client.withdraw("a", "b", "k");
        List<Long> gaps = gapsBetweenRequests();
        assertThat(gaps).hasSize(4);
        // test profile: initial 20 ms doubling to at most 160 ms, each delay in the upper half of its step
        assertThat(gaps.get(0)).isBetween(10L, 150L);
        assertThat(gaps.get(3)).isGreaterThanOrEqualTo(80L);
    }

    @Test
    void sigCheckThrottlingWaitsTheConfiguredPause() {
        reply(WITHDRAW, 70050);
        WithdrawOutcome outcome = client.withdraw("a", "b", "k");
        assertThat(outcome.result()).isEqualTo(Result.RATE_LIMITED);
        assertThat(outcome.errorCode()).isEqualTo(70050);
        // the test profile shortens Tencent's "at least a minute" to 300 ms
        assertThat(gapsBetweenRequests()).allSatisfy(gap -> assertThat(gap).isGreaterThanOrEqualTo(300L));
    }

    @Test
    void sigCheckThrottlingWaitsAtLeastAMinuteByDefault() {
        TencentBackoff backoff = new TencentBackoff(10_000, 60_000);
        backoff.init(200);
        assertThat(backoff.nextDelayInMillis(new TencentFailure(TencentError.SIG_CHECK_THROTTLED, 70050, "x")))
                .isGreaterThanOrEqualTo(60_000);
        assertThat(backoff.nextDelayInMillis(new TencentFailure(TencentError.TRANSIENT, 91000, "x")))
                .isLessThanOrEqualTo(400);
    }

    @Test
    void retriesThenSucceeds() {
        tencent.stubFor(post(urlPathEqualTo(WITHDRAW)).inScenario("flaky").whenScenarioStateIs(STARTED)
                .willReturn(okJson(reply(91000))).willSetStateTo("second"));
        tencent.stubFor(post(urlPathEqualTo(WITHDRAW)).inScenario("flaky").whenScenarioStateIs("second")
                .willReturn(okJson(reply(60007))).willSetStateTo("third"));
        tencent.stubFor(post(urlPathEqualTo(WITHDRAW)).inScenario("flaky").whenScenarioStateIs("third")
                .willReturn(okJson(reply(0))));

        WithdrawOutcome outcome = client.withdraw("a", "b", "k");

        assertThat(outcome.result()).isEqualTo(Result.RECALLED);
        // the refused call does not count: Tencent did not act on it
        assertThat(outcome.attempts()).isEqualTo(2);
    }

    @Test
    void httpAndNetworkFailuresAreClassified() {
        tencent.stubFor(post(urlPathEqualTo(WITHDRAW)).willReturn(aResponse().withStatus(502).withBody("bad gateway")));
        assertThat(client.withdraw("a", "b", "k")).extracting(WithdrawOutcome::result, WithdrawOutcome::errorCode,
                WithdrawOutcome::attempts).containsExactly(Result.TRANSIENT, 502, 5);

        tencent.resetAll();
        tencent.stubFor(post(urlPathEqualTo(WITHDRAW)).willReturn(aResponse().withStatus(403)));
        assertThat(client.withdraw("a", "b", "k").result()).isEqualTo(Result.CONFIG_ERROR);

        tencent.resetAll();
        tencent.stubFor(post(urlPathEqualTo(WITHDRAW)).willReturn(aResponse().withStatus(200).withBody("<html>")));
        WithdrawOutcome notJson = client.withdraw("a", "b", "k");
        assertThat(notJson.result()).isEqualTo(Result.TRANSIENT);
        assertThat(notJson.errorInfo()).contains("not a Tencent reply");

        tencent.resetAll();
        tencent.stubFor(post(urlPathEqualTo(WITHDRAW))
                .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
        assertThat(client.withdraw("a", "b", "k")).extracting(WithdrawOutcome::result, WithdrawOutcome::attempts)
                .containsExactly(Result.TRANSIENT, 5);
    }

    @Test
    void twentyThreeAfterAnAttemptWhoseAnswerWasLostMeansThatAttemptRecalledIt() {
        tencent.stubFor(post(urlPathEqualTo(WITHDRAW)).inScenario("lost").whenScenarioStateIs(STARTED)
                .willReturn(okJson(reply(0)).withFixedDelay(READ_TIMEOUT_MILLIS + 500)).willSetStateTo("retried"));
        tencent.stubFor(post(urlPathEqualTo(WITHDRAW)).inScenario("lost").whenScenarioStateIs("retried")
                .willReturn(okJson(reply(20023))));

        WithdrawOutcome outcome = RecallVerdicts.counted(client.withdraw("a", "b", "k"), () -> false);

        assertThat(outcome).extracting(WithdrawOutcome::result, WithdrawOutcome::errorCode, WithdrawOutcome::attempts)
                .containsExactly(Result.RECALLED, 20023, 2);
        assertThat(outcome.errorInfo()).contains("earlier attempt went unanswered");
    }

    @Test
    void aTimeoutIsDescribedWithoutTheUserSigFromTheRequestUri() {
        for (int attempt = 0; attempt < 4; attempt++) {
            tencent.stubFor(post(urlPathEqualTo(WITHDRAW)).inScenario("slow").whenScenarioStateIs(state(attempt))
                    .willReturn(okJson(reply(91000))).willSetStateTo(state(attempt + 1)));
        }
        tencent.stubFor(post(urlPathEqualTo(WITHDRAW)).inScenario("slow").whenScenarioStateIs(state(4))
                .willReturn(okJson(reply(0)).withFixedDelay(READ_TIMEOUT_MILLIS + 500)));

        WithdrawOutcome outcome = client.withdraw("a", "b", "k");

        String usersig = requests().get(0).queryParameter("usersig").firstValue();
        assertThat(outcome).extracting(WithdrawOutcome::result, WithdrawOutcome::attempts)
                .containsExactly(Result.TRANSIENT, 5);
        assertThat(outcome.errorInfo()).containsIgnoringCase("timeout").contains("/v4/openim/admin_msgwithdraw")
                .doesNotContain(usersig).doesNotContain("usersig=").doesNotContain("?sdkappid");
    }

    private static String state(int attempt) {
        return attempt == 0 ? STARTED : "attempt-" + attempt;
    }

    @Test
    void expiredUserSigIsRenewedOnceAndTheCallRetried() {
        reply(WITHDRAW, 0);
        client.withdraw("warm", "up", "k");
        String cached = onlyRequest().queryParameter("usersig").firstValue();
        tencent.resetAll();
        clock.advance(Duration.ofMinutes(10));
        tencent.stubFor(post(urlPathEqualTo(WITHDRAW)).inScenario("expired").whenScenarioStateIs(STARTED)
                .willReturn(okJson(reply(70001))).willSetStateTo("renewed"));
        tencent.stubFor(post(urlPathEqualTo(WITHDRAW)).inScenario("expired").whenScenarioStateIs("renewed")
                .willReturn(okJson(reply(0))));

        WithdrawOutcome outcome = client.withdraw("a", "b", "k");

        assertThat(outcome.result()).isEqualTo(Result.RECALLED);
        assertThat(outcome.attempts()).isEqualTo(2);
        List<String> userSigs = requests().stream().map(r -> r.queryParameter("usersig").firstValue()).toList();
        assertThat(userSigs.get(0)).isEqualTo(cached);
        assertThat(userSigs.get(1)).isNotEqualTo(cached);
        assertThat(UserSigDecoder.decode(userSigs.get(1)).get("TLS.time").asLong())
                .isGreaterThanOrEqualTo(UserSigDecoder.decode(cached).get("TLS.time").asLong() + 600);
    }

    @Test
    void userSigStillExpiredAfterRenewalIsAConfigurationError() {
        reply(WITHDRAW, 70001);
        WithdrawOutcome outcome = client.withdraw("a", "b", "k");
        assertThat(outcome.result()).isEqualTo(Result.CONFIG_ERROR);
        assertThat(outcome.errorCode()).isEqualTo(70001);
        assertThat(outcome.attempts()).isEqualTo(2);
    }

    @Test
    void roamPagesFollowTheCursorToTheEnd() throws Exception {
        tencent.stubFor(post(urlPathEqualTo(ROAM)).inScenario("pages").whenScenarioStateIs(STARTED)
                .willReturn(okJson(page(0, 1700000300L, "k3", "k5", "k4", "k3"))).willSetStateTo("2"));
        tencent.stubFor(post(urlPathEqualTo(ROAM)).inScenario("pages").whenScenarioStateIs("2")
                .willReturn(okJson(page(0, 1700000200L, "k2", "k2"))).willSetStateTo("3"));
        tencent.stubFor(post(urlPathEqualTo(ROAM)).inScenario("pages").whenScenarioStateIs("3")
                .willReturn(okJson(page(1, 1700000100L, "k1", "k1"))));

        List<RoamMessage> messages = new ArrayList<>();
        RoamCursor cursor = RoamCursor.first(1700000500L);
        RoamPage page;
        do {
            page = client.roamPage("alice", "bob", 1700000000L, cursor);
            messages.addAll(page.messages());
            cursor = page.next();
        } while (!page.complete());

        assertThat(messages).extracting(RoamMessage::msgKey).containsExactly("k5", "k4", "k3", "k2", "k1");
        assertThat(messages.get(1).recalled()).isTrue();
        assertThat(messages.get(0).recalled()).isFalse();
        assertThat(messages.get(0).msgTime()).isEqualTo(Instant.ofEpochSecond(1700000005L));
        List<JsonNode> bodies = requests().stream().map(r -> read(r.getBodyAsString())).toList();
        assertThat(bodies).hasSize(3);
        assertThat(bodies.get(0).get("Operator_Account").asText()).isEqualTo("alice");
        assertThat(bodies.get(0).get("Peer_Account").asText()).isEqualTo("bob");
        assertThat(bodies.get(0).get("MinTime").asLong()).isEqualTo(1700000000L);
        assertThat(bodies.get(0).get("MaxTime").asLong()).isEqualTo(1700000500L);
        assertThat(bodies.get(0).has("LastMsgKey")).isFalse();
        assertThat(bodies.get(1).get("MaxTime").asLong()).isEqualTo(1700000300L);
        assertThat(bodies.get(1).get("LastMsgKey").asText()).isEqualTo("k3");
        assertThat(bodies.get(1).get("MinTime").asLong()).isEqualTo(1700000000L);
        assertThat(bodies.get(2).get("MaxTime").asLong()).isEqualTo(1700000200L);
        assertThat(bodies.get(2).get("LastMsgKey").asText()).isEqualTo("k2");
    }

    @Test
    void roamPageThatSaysMoreWithoutMovingOnIsAFailure() {
        tencent.stubFor(post(urlPathEqualTo(ROAM)).willReturn(okJson(page(0, 1700000300L, "k3", "k3"))));
        RoamCursor stuck = new RoamCursor(1700000300L, "k3");

        assertThatThrownBy(() -> client.roamPage("a", "b", 0, stuck)).isInstanceOf(TencentFailure.class)
                .hasMessageContaining("without moving");
    }

    @Test
    void roamPageFailureIsThrownWithItsHint() {
        reply(ROAM, 90009);
        assertThatThrownBy(() -> client.roamPage("a", "b", 0, RoamCursor.first(Instant.now().getEpochSecond())))
                .isInstanceOf(TencentFailure.class).hasMessageContaining("not an app admin");
    }

    @Test
    void contactPagesFollowAllFourCursorsAndKeepOneToOnePeersOnly() throws Exception {
        tencent.stubFor(post(urlPathEqualTo(GET_LIST)).inScenario("contacts").whenScenarioStateIs(STARTED)
                .willReturn(okJson("""
                        {"ActionStatus":"OK","ErrorCode":0,"ErrorInfo":"","CompleteFlag":0,"TimeStamp":1630997627,
                         "StartIndex":2,"TopTimeStamp":1630997600,"TopStartIndex":1,
                         "SessionItem":[{"Type":1,"To_Account":"bob","MsgTime":1630997627,"TopFlag":1},
                                        {"Type":2,"GroupId":"@TGS#1","MsgTime":1630997620,"TopFlag":0}]}"""))
                .willSetStateTo("2"));
        tencent.stubFor(post(urlPathEqualTo(GET_LIST)).inScenario("contacts").whenScenarioStateIs("2")
                .willReturn(okJson("""
                        {"ActionStatus":"OK","ErrorCode":0,"ErrorInfo":"","CompleteFlag":1,
                         "SessionItem":[{"Type":1,"To_Account":"carol","MsgTime":1630990000,"TopFlag":0}]}""")));

        ContactPage first = client.contactPage("alice", ContactCursor.FIRST);
        ContactPage second = client.contactPage("alice", first.next());

        assertThat(first.peers()).containsExactly("bob");
        assertThat(first.next()).isEqualTo(new ContactCursor(1630997627L, 2, 1630997600L, 1));
        assertThat(second.peers()).containsExactly("carol");
        assertThat(second.complete()).isTrue();
        List<LoggedRequest> requests = requests();
        assertThat(requests.get(0).getUrl()).startsWith(GET_LIST + "?");
        assertThat(JSON.readTree(requests.get(0).getBodyAsString())).isEqualTo(JSON.readTree("""
                {"From_Account":"alice","TimeStamp":0,"StartIndex":0,"TopTimeStamp":0,"TopStartIndex":0,
                 "AssistFlags":15}"""));
        assertThat(JSON.readTree(requests.get(1).getBodyAsString())).isEqualTo(JSON.readTree("""
                {"From_Account":"alice","TimeStamp":1630997627,"StartIndex":2,"TopTimeStamp":1630997600,
                 "TopStartIndex":1,"AssistFlags":15}"""));
    }

    private void assertFinal(int code, Result expected) {
        reply(WITHDRAW, code);
        WithdrawOutcome outcome = client.withdraw("a", "b", "k");
        assertThat(outcome.result()).isEqualTo(expected);
        assertThat(outcome.errorCode()).isEqualTo(code);
        assertThat(outcome.errorInfo()).contains("error " + code);
        assertThat(outcome.attempts()).isEqualTo(1);
        assertThat(tencent.getAllServeEvents()).hasSize(1);
    }

    private void reply(String path, int code) {
        tencent.stubFor(post(urlPathEqualTo(path)).willReturn(okJson(reply(code))));
    }

    private static String reply(int code) {
        return code == 0 ? "{\"ActionStatus\":\"OK\",\"ErrorInfo\":\"\",\"ErrorCode\":0}"
                : "{\"ActionStatus\":\"FAIL\",\"ErrorInfo\":\"error " + code + "\",\"ErrorCode\":" + code + "}";
    }

    /** A page whose messages are one second apart, newest first, ending at the given LastMsgKey. */
    private static String page(int complete, long lastMsgTime, String lastMsgKey, String... keys) {
        StringBuilder list = new StringBuilder();
        for (String key : keys) {
            int n = Integer.parseInt(key.substring(1));
            list.append(list.isEmpty() ? "" : ",").append("""
                    {"From_Account":"alice","To_Account":"bob","MsgSeq":%d,"MsgRandom":%d,"MsgTimeStamp":%d,
                     "MsgFlagBits":%d,"IsPeerRead":0,"MsgKey":"%s","MsgBody":[],"CloudCustomData":""}"""
                    .formatted(n, 1000 + n, 1700000000L + n, n == 4 ? 8 : 0, key));
        }
        return """
                {"ActionStatus":"OK","ErrorInfo":"","ErrorCode":0,"Complete":%d,"MsgCnt":%d,
                 "LastMsgTime":%d,"LastMsgKey":"%s","MsgList":[%s]}"""
                .formatted(complete, keys.length, lastMsgTime, lastMsgKey, list);
    }

    private List<LoggedRequest> requests() {
        return tencent.getAllServeEvents().stream().map(ServeEvent::getRequest)
                .sorted(Comparator.comparing(LoggedRequest::getLoggedDate)).toList();
    }

    private LoggedRequest onlyRequest() {
        List<LoggedRequest> requests = requests();
        assertThat(requests).hasSize(1);
        return requests.get(0);
    }

    private List<Long> gapsBetweenRequests() {
        List<LoggedRequest> requests = requests();
        return IntStream.range(1, requests.size()).mapToObj(i -> requests.get(i).getLoggedDate().getTime()
                - requests.get(i - 1).getLoggedDate().getTime()).toList();
    }

    private static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
