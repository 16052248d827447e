package io.msgkey.recorder.console;

import static io.msgkey.recorder.testing.Api.CORA;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.nio.file.Files;
import java.time.Instant;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.msgkey.recorder.testing.Browser;
import io.msgkey.recorder.testing.Messages;
import io.msgkey.recorder.testing.RecallJobs;
import io.msgkey.recorder.testing.Rows;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/** A compliance officer holds a user, is refused the erasure, releases the hold and erases after confirming. */
@QuarkusTest
class ComplianceConsoleTest {

    @TestHTTPResource("/")
    URL base;

    @Inject
    AgroalDataSource dataSource;

    private Browser browser;

    @BeforeEach
    void open() {
        RecallJobs.settleEarlierJobs(dataSource);
        browser = new Browser(base.toString());
    }

    @AfterEach
    void close() {
        browser.close();
    }

    @Test
    void holdRefusedErasureReleaseAndConfirmedErasure() throws Exception {
        String user = Messages.unique("dsr");
        String peer = Messages.unique("peer");
        for (int i = 0; i < 3; i++) {
            Messages.insert(dataSource, user, peer, "k" + i, Instant.parse("2024-06-01T00:00:00Z").plusSeconds(i));
        }
        browser.signIn(CORA, "cora-demo");
        assertThat(browser.path()).isEqualTo("/console/compliance");
        browser.waitForText("#retention-status", "Finished recall jobs are kept for P2Y");

        browser.type("#hold-user", user);
        browser.type("#hold-reason", "litigation");
        browser.type("#hold-reference", "case-42");
        browser.find("#hold-create").click();
        browser.waitForText("#holds-table tbody", user);
        assertThat(browser.text("#holds-table tbody tr:first-child")).contains("case-42").contains("active");

        browser.type("#subject-user", user);
        browser.find("#subject-look-up").click();
        browser.waitForText("#subject-summary", user + ": 3 message records. Under legal hold");
        browser.find("#subject-csv").click();
        assertThat(Files.readString(browser.downloaded("subject-" + user + "-messages.csv"))).contains("\"k0\"",
                "\"k1\"", "\"k2\"");

        browser.find("#subject-erase").click();
        browser.waitForText("#erase-question", "Erase the 3 message records of " + user + "?");
        browser.type("#erase-reason", "GDPR art. 17");
        browser.find("#erase-confirm").click();
        browser.waitForText("#erase-dialog .dialog-messages", user + " is under legal hold");
        browser.find("#erase-dialog .close-dialog").click();
        assertThat(Rows.count(dataSource, "SELECT count(*) FROM message WHERE from_account = ?", user)).isEqualTo(3);

        browser.find("#holds-table tbody tr:first-child .release-hold").click();
        browser.waitForText("#holds-table tbody tr:first-child", "released by cora");

        browser.find("#subject-erase").click();
        browser.waitForText("#erase-question", "Erase the 3 message records of " + user + "?");
        browser.type("#erase-reason", "GDPR art. 17");
        browser.find("#erase-confirm").click();
        browser.waitForText("#subject-summary", "Erased 3 message records of " + user + ".");
        assertThat(Rows.count(dataSource, "SELECT count(*) FROM message WHERE from_account = ?", user)).isZero();
        assertThat(browser.consoleMessages()).noneMatch(message -> message.contains("Content Security Policy"));
    }
}
