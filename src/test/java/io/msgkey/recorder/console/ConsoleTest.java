package io.msgkey.recorder.console;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.msgkey.recorder.testing.Api.ALICE;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.nio.file.Files;
import java.time.Instant;
import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

import com.github.tomakehurst.wiremock.WireMockServer;

import io.agroal.api.AgroalDataSource;
import io.msgkey.recorder.recall.RecallEngineLifecycle;
import io.msgkey.recorder.testing.Browser;
import io.msgkey.recorder.testing.GroupMessages;
import io.msgkey.recorder.testing.GroupRecallAnswers;
import io.msgkey.recorder.testing.Messages;
import io.msgkey.recorder.testing.RecallJobs;
import io.msgkey.recorder.testing.TencentStub;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@WithTestResource(value = TencentStub.class, scope = TestResourceScope.GLOBAL)
class ConsoleTest {

    private static final String OK = "{\"ActionStatus\":\"OK\",\"ErrorInfo\":\"\",\"ErrorCode\":0}";

    @TestHTTPResource("/")
    URL base;

    @Inject
    AgroalDataSource dataSource;

    @Inject
    RecallEngineLifecycle worker;

    @TencentStub.Inject
    WireMockServer tencent;

    private Browser browser;
    private String sender;

    @BeforeEach
    void open() {
        RecallJobs.settleEarlierJobs(dataSource);
        tencent.resetAll();
        tencent.stubFor(post(urlPathEqualTo("/v4/openim/admin_msgwithdraw")).willReturn(okJson(OK).withFixedDelay(50)));
        sender = Messages.unique("troll");
        Messages.insert(dataSource, sender, "victim-1", "key-1", Instant.parse("2024-03-01T00:00:00Z"));
        Messages.insert(dataSource, sender, "victim-2", "key-2", Instant.parse("2024-03-01T01:00:00Z"));
        Messages.insert(dataSource, sender, "victim-3", "key-3", Instant.parse("2024-03-01T02:30:15Z"));
        browser = new Browser(base.toString());
    }

    @AfterEach
    void close() throws InterruptedException {
        try {
            assertThat(browser.consoleMessages()).as("Content Security Policy violations")
                    .noneMatch(message -> message.contains("Content Security Policy"));
        } finally {
            browser.close();
            worker.stop();
        }
    }

    @Test
    void theConsoleRunsUnderAPolicyThatBlocksInjectedInlineScript() {
        openRecallDialogForTheSender();
        browser.find("#recall-dialog .close-dialog").click();
        Object ran = browser.script("const script = document.createElement('script');"
                + "script.textContent = 'window.injected = true;'; document.head.appendChild(script);"
                + "return window.injected === true;");
        assertThat(ran).as("an injected inline script ran").isEqualTo(false);
        assertThat(browser.consoleMessages()).anyMatch(message -> message.contains("Content Security Policy"));
    }

    @Test
    void signInSearchBySenderInTheViewersTimeZone() {
        browser.open("/");
        assertThat(browser.path()).startsWith("/login");
        browser.signIn(ALICE, "alice-demo");
        browser.waitFor(d -> browser.path().equals("/console/search") ? true : null);
        assertThat(browser.text("#signed-in-as")).isEqualTo(ALICE);

        browser.type("#from", sender);
        browser.find("#search-button").click();
        browser.waitForText("#result-count", "3 messages found");
        List<WebElement> rows = browser.findAll("#result-table tbody tr");
        assertThat(rows).hasSize(3);
        // 02:30:15Z is 10:30:15 in Shanghai
        assertThat(rows.get(0).getText()).contains("2024-03-01 10:30:15").contains(sender).contains("victim-3")
                .contains("key-3");
        assertThat(browser.text("#results thead")).contains(Browser.TIME_ZONE);
        browser.screenshot("search");
    }

    @Test
    void aMixedSearchResultIsRecalledGroupMessagesIncluded() {
        tencent.stubFor(post(urlPathEqualTo(GroupRecallAnswers.PATH)).willReturn(okJson("{}")
                .withTransformers(GroupRecallAnswers.NAME)));
        String group = Messages.unique("@TGS#console");
        GroupMessages.insert(dataSource, group, "topic-9", sender, 41, Instant.parse("2024-03-01T03:00:00Z"));
        browser.signIn(ALICE, "alice-demo");
        browser.type("#from", sender);
        browser.find("#search-button").click();
        browser.waitForText("#result-count", "4 messages found");
        String newest = browser.findAll("#result-table tbody tr").get(0).getText();
        assertThat(newest).contains("group").contains(group + " / topic-9").contains("MsgSeq 41");
        assertThat(browser.findAll("#result-table tbody tr").get(1).getText()).contains("one-to-one")
                .contains("victim-3").contains("key-3");

        new Select(browser.find("#chat")).selectByValue("group");
        browser.find("#search-button").click();
        browser.waitForText("#result-count", "1 message found");
        assertThat(browser.find("#recall-button").isDisplayed()).isTrue();

        new Select(browser.find("#chat")).selectByValue("all");
        browser.find("#search-button").click();
        browser.waitForText("#result-count", "4 messages found");
        assertThat(browser.text("#recall-button")).contains("4");
        browser.find("#recall-button").click();
        new Select(browser.find("#reason")).selectByValue("spam");
        browser.find("#prepare-button").click();
        browser.waitForText("#preview-total", "4");
        assertThat(browser.text("#preview-groups")).startsWith("1 of them are group messages");
        assertThat(browser.find("#preview-difference").isDisplayed()).isFalse();
        assertThat(browser.text("#preview-sample tbody")).contains("group " + group + " / topic-9")
                .contains("MsgSeq 41").contains("key-3");
        worker.start();
        browser.find("#confirm-button").click();

        browser.waitFor(d -> browser.path().startsWith("/console/jobs/") ? true : null);
        browser.waitForText("#job-state", "COMPLETED");
        assertThat(browser.text("#count-RECALLED")).isEqualTo("4");
        browser.waitFor(d -> browser.findAll("#item-table tbody tr").size() == 4 ? true : null);
        assertThat(browser.text("#item-table tbody")).contains("MsgSeq 41").contains("group " + group)
                .contains("key-3");
        assertThat(GroupRecallAnswers.sentBySeq(tencent)).containsOnlyKeys(group + "/41");
    }

    @Test
    void wrongPasswordIsShown() {
        browser.signIn(ALICE, "guess");
        assertThat(browser.text("#login-error")).isEqualTo("Wrong user name or password.");
    }

    @Test
    void previewConfirmAndWatchTheJobComplete() {
        openRecallDialogForTheSender();
        new Select(browser.find("#reason")).selectByValue("harassment");
        browser.type("#reference", "ticket-77");
        browser.find("#prepare-button").click();

        browser.waitForText("#preview-total", "3");
        assertThat(browser.text("#preview-duration")).isEqualTo("1 s");
        assertThat(browser.text("#preview-reason")).isEqualTo("harassment · ticket-77");
        assertThat(browser.findAll("#preview-sample tbody tr")).hasSize(3);
        assertThat(browser.find("#preview-four-eyes").isDisplayed()).isFalse();
        assertThat(browser.text("#preview-older")).startsWith("3 of them are older than Tencent's roaming period");
        browser.screenshot("preview");
        worker.start();
        browser.find("#confirm-button").click();

        browser.waitFor(d -> browser.path().startsWith("/console/jobs/") ? true : null);
        browser.waitForText("#job-state", "COMPLETED");
        assertThat(browser.text("#count-RECALLED")).isEqualTo("3");
        assertThat(browser.find("#job-progress").getDomProperty("value")).isEqualTo("3");
        assertThat(browser.text("#job-progress-text")).isEqualTo("3 of 3 done (100 %)");
        assertThat(browser.text("#job-reference")).isEqualTo("ticket-77");
        browser.waitFor(d -> browser.findAll("#item-table tbody tr").size() == 3 ? true : null);
        assertThat(browser.text("#item-table tbody")).contains("RECALLED");
    }

    @Test
    void progressUpdatesWhileRunningAndCancelStopsIt() {
        tencent.resetAll();
        tencent.stubFor(post(urlPathEqualTo("/v4/openim/admin_msgwithdraw")).willReturn(okJson(OK).withFixedDelay(3000)));
        String many = Messages.unique("many");
        for (int i = 0; i < 400; i++) {
            Messages.insert(dataSource, many, "v", "k" + i, Instant.parse("2024-03-01T00:00:00Z").plusSeconds(i));
        }
        long job = RecallJobs.createFrom(ALICE, many);
        RecallJobs.confirm("bob", job);
        worker.start();

        browser.signIn(ALICE, "alice-demo");
        browser.open("/console/jobs/" + job);
        browser.waitForText("#job-state", "RUNNING");
        browser.waitFor(d -> Integer.parseInt(browser.text("#count-RECALLED")) > 0 ? true : null);
        assertThat(browser.text("#job-rate")).contains("per second (limit 200");
        browser.screenshot("progress");
        browser.find("#job-cancel").click();
        browser.driver().switchTo().alert().accept();
        browser.waitForText("#job-state", "CANCELLED");
        browser.waitFor(d -> browser.text("#count-PENDING").equals("0") ? true : null);
        assertThat(Integer.parseInt(browser.text("#count-SKIPPED"))).isPositive();
        assertThat(browser.find("#job-cancel").isDisplayed()).isFalse();
    }

    @Test
    void itemsDownloadAsCsv() throws Exception {
        long job = RecallJobs.createFrom(ALICE, sender);
        browser.signIn(ALICE, "alice-demo");
        browser.open("/console/jobs/" + job);
        browser.waitForText("#job-state", "AWAITING_CONFIRMATION");
        browser.find("#items-csv").click();
        List<String> lines = Files.readAllLines(browser.downloaded("recall-job-" + job + "-items.csv"));
        assertThat(lines.get(0)).startsWith("\"item_id\",\"message_id\",\"chat\",\"from_account\"");
        assertThat(lines).hasSize(4);
        assertThat(lines.get(1)).contains(sender).contains("key-3").contains("PENDING");
    }

    @Test
    void largeJobShowsWhoMayConfirmIt() {
        String big = Messages.unique("big");
        for (int i = 0; i < 6; i++) {
            Messages.insert(dataSource, big, "v", "k" + i, Instant.parse("2024-03-01T00:00:00Z"));
        }
        long job = RecallJobs.createFrom(ALICE, big);

        browser.signIn(ALICE, "alice-demo");
        browser.open("/console/jobs");
        browser.waitForText("#jobs-table tbody", "AWAITING_CONFIRMATION (any moderator but alice)");
        browser.open("/console/jobs/" + job);
        browser.waitForText("#job-approval", "any moderator except alice may confirm");
        assertThat(browser.find("#job-confirm").isDisplayed()).isFalse();

        browser.find(".signout button").click();
        browser.signIn("bob", "bob-demo");
        browser.open("/console/jobs/" + job);
        browser.waitForText("#job-state", "AWAITING_CONFIRMATION");
        browser.find("#job-confirm").click();
        browser.waitForText("#job-state", "RUNNING");
        assertThat(browser.text("#job-confirmed")).contains("by bob");
    }

    @Test
    void apiErrorsAreShownToTheUser() {
        browser.signIn(ALICE, "alice-demo");
        browser.type("#from", sender);
        browser.script("arguments[0].value = '2024-03-02T00:00:00'; arguments[1].value = '2024-03-01T00:00:00';",
                browser.find("#since"), browser.find("#until"));
        browser.find("#search-button").click();
        browser.waitForText("#messages", "until must be later than since (parameter: until)");
        assertThat(browser.find("#results").isDisplayed()).isFalse();
    }

    @Test
    void anApiErrorInTheRecallDialogIsShownInsideIt() {
        openRecallDialogForTheSender();
        new Select(browser.find("#reason")).selectByValue("other");
        browser.find("#prepare-button").click();

        browser.waitForText("#recall-dialog .dialog-messages", "reason other needs a note saying why (parameter: note)");
        assertThat(browser.find("#recall-dialog .dialog-messages").isDisplayed()).isTrue();
        assertThat(browser.find("#preview").isDisplayed()).isFalse();

        browser.find("#recall-dialog .close-dialog").click();
        browser.find("#recall-button").click();
        assertThat(browser.find("#recall-dialog .dialog-messages").isDisplayed()).as("an old error is not shown again")
                .isFalse();
    }

    @Test
    void auditorSeesJobsAndTheAuditLogButCannotSearch() {
        RecallJobs.createFrom(ALICE, sender);
        browser.signIn("carol", "carol-demo");
        browser.waitFor(d -> browser.path().equals("/console/jobs") ? true : null);
        assertThat(browser.text("nav")).doesNotContain("Search").contains("Audit log");
        browser.waitForText("#jobs-table tbody", "AWAITING_CONFIRMATION");

        browser.open("/console/audit");
        browser.type("#audit-actor", ALICE);
        new Select(browser.find("#audit-action")).selectByVisibleText("JOB_CREATED");
        browser.find("#audit-search").click();
        // the page's first, unfiltered list may still be replaced by the filtered one: wait for the filtered rows
        browser.waitFor(d -> {
            List<WebElement> rows = browser.findAll("#audit-table tbody tr");
            return !rows.isEmpty() && rows.stream().allMatch(row -> row.getText().contains("alice")
                    && row.getText().contains("JOB_CREATED")) ? true : null;
        });
        browser.find("#audit-csv").click();
        assertThat(browser.downloaded("audit.csv")).content().startsWith("\"id\",\"occurred_at\",\"actor\",\"action\"");

        browser.open("/console/search");
        assertThat(browser.text("h1")).isEqualTo("Not allowed");
    }

    /** Signs in as a moderator, searches the sender's three messages and opens "Recall these messages". */
    private void openRecallDialogForTheSender() {
        browser.signIn(ALICE, "alice-demo");
        browser.type("#from", sender);
        browser.find("#search-button").click();
        browser.waitForText("#result-count", "3 messages found");
        browser.find("#recall-button").click();
    }
}
