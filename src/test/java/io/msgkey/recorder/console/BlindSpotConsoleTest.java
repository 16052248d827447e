package io.msgkey.recorder.console;

import static io.msgkey.recorder.testing.Api.ALICE;
import static io.msgkey.recorder.testing.TencentHistory.messagesAt;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.time.Instant;
import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.WebElement;

import com.github.tomakehurst.wiremock.WireMockServer;

import io.agroal.api.AgroalDataSource;
import io.msgkey.recorder.sync.SyncEngineLifecycle;
import io.msgkey.recorder.testing.Browser;
import io.msgkey.recorder.testing.Messages;
import io.msgkey.recorder.testing.SyncJobs;
import io.msgkey.recorder.testing.TencentHistory;
import io.msgkey.recorder.testing.TencentStub;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/** A search over a time the recorder was not recording says so, and fetches the user's history from Tencent. */
@QuarkusTest
@WithTestResource(value = TencentStub.class, scope = TestResourceScope.GLOBAL)
class BlindSpotConsoleTest {

    /** 2024-03-01T02:00:00Z, 10:00 in the browser's Shanghai time. */
    private static final long MORNING = Instant.parse("2024-03-01T02:00:00Z").getEpochSecond();

    @TestHTTPResource("/")
    URL base;

    @Inject
    AgroalDataSource dataSource;

    @Inject
    SyncEngineLifecycle worker;

    @TencentStub.Inject
    WireMockServer tencent;

    private Browser browser;

    @BeforeEach
    void open() {
        SyncJobs.settleEarlierJobs(dataSource);
        tencent.resetAll();
        browser = new Browser(base.toString());
    }

    @AfterEach
    void close() throws InterruptedException {
        browser.close();
        worker.stop();
    }

    @Test
    void aSearchOverAGapSaysSoAndFetchFromTencentAddsWhatTheRecordMissed() {
        String user = Messages.unique("blind");
        String known = Messages.unique("known");
        String unknown = Messages.unique("unknown");
        Messages.insert(dataSource, user, known, known + "-1", Instant.ofEpochSecond(MORNING + 1));
        TencentHistory history = new TencentHistory(tencent, 2);
        history.conversation(known, messagesAt(MORNING, user, known, 3));
        history.conversation(unknown, messagesAt(MORNING + 100, user, unknown, 2, 2));
        history.contacts(user, List.of(known, unknown));
        worker.start();

        browser.signIn(ALICE, "alice-demo");
        browser.type("#user", user);
        browser.script("arguments[0].value = '2024-03-01T00:00:00'; arguments[1].value = '2024-03-02T00:00:00';",
                browser.find("#since"), browser.find("#until"));
        browser.find("#search-button").click();
        browser.waitForText("#result-count", "1 message found");
        browser.waitForText("#gap-text", "The recorder was not recording for one period in this time range");
        assertThat(browser.text("#gap-list")).contains("2024-03-01 00:00:00 – 2024-03-02 00:00:00 (24 h 0 min)");
        assertThat(browser.text("#fetch-hint")).contains(user);
        assertThat(browser.text("#result-table tbody")).contains("callback");
        browser.screenshot("gap");

        browser.find("#fetch-button").click();
        browser.waitFor(d -> "COMPLETED".equals(browser.find("#sync-progress").getDomAttribute("data-state")) ? true
                : null);
        assertThat(browser.text("#sync-progress")).contains("5 messages seen, 4 new to the record, 1 already known, "
                + "1 recalled at Tencent");
        assertThat(browser.find("#fetch-button").isDisplayed()).isFalse();

        browser.find("#search-button").click();
        browser.waitForText("#result-count", "4 messages found");
        List<WebElement> rows = browser.findAll("#result-table tbody tr");
        assertThat(rows).extracting(WebElement::getText).filteredOn(text -> text.contains("tencent_sync")).hasSize(3);
        assertThat(rows).extracting(WebElement::getText).filteredOn(text -> text.contains(known + "-1"))
                .singleElement().asString().contains("callback");
    }

    @Test
    void aGapWithoutAUserToFetchSaysHowToFetchOne() {
        browser.signIn(ALICE, "alice-demo");
        browser.script("arguments[0].value = '2024-03-01T00:00:00'; arguments[1].value = '2024-03-01T01:00:00';",
                browser.find("#since"), browser.find("#until"));
        browser.find("#search-button").click();
        browser.waitForText("#gap-text", "not recording");

        assertThat(browser.find("#fetch-button").isDisplayed()).isFalse();
        assertThat(browser.text("#fetch-hint")).contains("Search by a user");
    }
}
