package io.msgkey.recorder.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringWriter;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CsvTest {

    @Test
    void everyCellIsQuotedAndQuotesAreDoubled() throws IOException {
        StringWriter out = new StringWriter();
        Csv.row(out, "plain", 42, null, "say \"hi\"", "a,b", Instant.parse("2024-05-01T00:00:00Z"));
        assertThat(out).hasToString("\"plain\",\"42\",\"\",\"say \"\"hi\"\"\",\"a,b\",\"2024-05-01T00:00:00Z\"\r\n");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "=1+2                  | '=1+2",
            "+1                    | '+1",
            "-1+2                  | '-1+2",
            "@SUM(A1)              | '@SUM(A1)",
            "＝1+2                 | '＝1+2",
            "＋1                   | '＋1",
            "－1                   | '－1",
            "＠SUM(A1)             | '＠SUM(A1)",
            "abc;=1+2              | abc;'=1+2",
            "abc,=1+2              | abc,'=1+2",
            "`abc; =1+2`           | `abc; '=1+2`",
            "`a;b;@x;c`            | `a;b;'@x;c`",
            "`  =1+2`              | `  '=1+2`",
            "x=1+2                 | x=1+2",
            "a-b                   | a-b",
            "alice@example.com     | alice@example.com",
            "`victim, with comma`  | `victim, with comma`",
    })
    void formulaStartsAreDefusedWhereverASpreadsheetWouldSplitTheCell(String text, String expected) {
        assertThat(Csv.cell(text)).isEqualTo('"' + expected + '"');
    }

    @Test
    void separatorsAndWhitespaceOfEveryKindBeforeAFormulaAreCovered() {
        assertThat(Csv.cell("abc\t=1+2")).isEqualTo("\"abc\t'=1+2\"");
        assertThat(Csv.cell("abc\n=1+2")).isEqualTo("\"abc\n'=1+2\"");
        assertThat(Csv.cell("abc\r\n-1+2")).isEqualTo("\"abc\r\n'-1+2\"");
        assertThat(Csv.cell("\t=1+2")).isEqualTo("\"\t'=1+2\"");
        assertThat(Csv.cell("\u0000=1+2")).isEqualTo("\"\u0000'=1+2\"");
        assertThat(Csv.cell("\u3000=1+2")).isEqualTo("\"\u3000'=1+2\"");
        assertThat(Csv.cell("a\u00A0 ;\u2028 +1")).isEqualTo("\"a\u00A0 ;\u2028 '+1\"");
        assertThat(Csv.cell("abc；=1+2")).isEqualTo("\"abc；'=1+2\"");
        assertThat(Csv.cell("abc，@x")).isEqualTo("\"abc，'@x\"");
    }

    @Test
    void numbersAreWrittenAsTheyAreNegativeOnesIncluded() {
        assertThat(Csv.cell(-5)).isEqualTo("\"-5\"");
        assertThat(Csv.cell(70001L)).isEqualTo("\"70001\"");
    }
}
