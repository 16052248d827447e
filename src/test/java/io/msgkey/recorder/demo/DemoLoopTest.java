package io.msgkey.recorder.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.support.ui.Select;

import io.msgkey.recorder.testing.Browser;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * A newcomer's first minutes with `./run`, in a real browser: sign in, post sample traffic through the real callback
 * route, search the sample abuser, recall the spam against the simulated Tencent and watch the job complete. Its
 * screenshots are the README's.
 */
@QuarkusTest
@TestProfile(DemoSetupProfile.class)
class DemoLoopTest {

    @TestHTTPResource("/")
    URL base;

    private Browser browser;

    @BeforeEach
    void open() {
        browser = new Browser(base.toString());
    }

    @AfterEach
    void close() {
        browser.close();
    }

    @Test
    void signInPostSampleTrafficSearchRecallAndWatchItComplete() {
        browser.open("/");
        browser.waitForText("#demo-sign-in", "alice");
        browser.signIn("alice", "alice-demo");
        browser.waitFor(d -> browser.path().equals("/console/search") ? true : null);
        assertThat(browser.text("#demo-banner")).contains("Simulated Tencent — demo only");

        browser.find("#post-sample-traffic").click();
        browser.waitForText("#sample-traffic-result", "Search sender spam-bot-7");
        assertThat(browser.text("#sample-traffic-result")).contains("Posted 564 signed callbacks, 564 acknowledged")
                .contains("240 messages from the sample abuser spam-bot-7");
        assertThat(browser.find("#from").getDomProperty("value")).isEqualTo("spam-bot-7");

        browser.find("#search-button").click();
        browser.waitForText("#result-count", "240 messages found");
        assertThat(browser.text("#result-table tbody")).contains("spam-bot-7").contains("user-1060");
        browser.screenshot("demo-search");

        browser.find("#recall-button").click();
        new Select(browser.find("#reason")).selectByValue("spam");
        browser.type("#reference", "DEMO-1");
        browser.find("#prepare-button").click();
        // the abuser's message Tencent's filter stopped is frozen too: only a callback says it was not delivered
        browser.waitForText("#preview-total", "241");
        assertThat(browser.text("#preview-callback-marked")).contains("1 undelivered by callbacks alone");
        assertThat(browser.find("#preview-four-eyes").isDisplayed()).isFalse();
        browser.screenshot("demo-preview");

        browser.find("#confirm-button").click();
        browser.waitFor(d -> browser.path().startsWith("/console/jobs/") ? true : null);
        browser.waitFor(d -> Integer.parseInt(browser.text("#count-RECALLED")) > 0 ? true : null);
        browser.screenshot("demo-progress");
        browser.waitForText("#job-state", "COMPLETED");
        assertThat(browser.text("#count-RECALLED")).isEqualTo("240");
        assertThat(browser.text("#count-NOT_FOUND")).isEqualTo("1");
        assertThat(browser.text("#job-progress-text")).isEqualTo("241 of 241 done (100 %)");
        assertThat(browser.text("#demo-banner")).contains("Simulated Tencent — demo only");
        browser.screenshot("demo-completed");

        browser.open("/console/search");
        browser.type("#from", "spam-bot-7");
        new Select(browser.find("#state")).selectByValue("recalled");
        browser.find("#search-button").click();
        browser.waitForText("#result-count", "240 messages found");
    }
}
