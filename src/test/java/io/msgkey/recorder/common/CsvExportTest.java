package io.msgkey.recorder.common;

import static io.msgkey.recorder.testing.Api.ALICE;
import static io.msgkey.recorder.testing.Api.CAROL;
import static io.msgkey.recorder.testing.Api.as;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.msgkey.recorder.testing.Messages;
import io.msgkey.recorder.testing.RecallJobs;
import io.quarkus.test.junit.QuarkusTest;

/** Account ids come from chat users: a spreadsheet opening an export must never run one as a formula. */
@QuarkusTest
class CsvExportTest {

    @Inject
    AgroalDataSource dataSource;

    @Test
    void itemsExportDefusesFormulasHiddenAfterASeparator() {
        String sender = Messages.unique("abc") + ";=HYPERLINK('http://evil.example')";
        Messages.insert(dataSource, sender, "-2+3", "key;@x", Instant.parse("2024-04-01T08:00:00Z"));
        long job = RecallJobs.createFrom(ALICE, sender);

        List<String> lines = as(CAROL).accept("text/csv").get("/api/recall-jobs/" + job + "/items").then()
                .statusCode(200).extract().asString().lines().toList();

        assertThat(lines).hasSize(2);
        assertThat(lines.get(0)).startsWith("\"item_id\",\"message_id\",\"chat\",\"from_account\"");
        assertThat(lines.get(1)).contains(",\"" + sender.replace(";=", ";'=") + "\",")
                .contains(",\"'-2+3\",\"key;'@x\",\"\",\"\",\"\",\"2024-04-01T08:00:00Z\",\"PENDING\",");
    }

    @Test
    void auditExportDefusesTheFilterItRecords() {
        String marker = Messages.unique("audit") + ";=1+2";
        as(ALICE).queryParam("from", marker).get("/api/messages").then().statusCode(200);

        String csv = as(CAROL).accept("text/csv").queryParam("actor", ALICE).queryParam("action", "SEARCH").get(
                "/api/audit").then().statusCode(200).extract().asString();

        assertThat(csv).contains(marker.replace(";=", ";'=")).doesNotContain(marker);
    }
}
