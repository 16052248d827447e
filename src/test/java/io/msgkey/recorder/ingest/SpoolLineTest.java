package io.msgkey.recorder.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.zip.CRC32;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import io.msgkey.recorder.message.GroupMessageKey;
import io.msgkey.recorder.message.MessageKey;

/** The spool's line format, {@code <crc32, 8 hex digits> <json>\n}, and what a damaged line reads as. */
class SpoolLineTest {

    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    private static final MessageRecord RECORD = MessageRecord.afterSend(
            new MessageKey(1400000000L, "ann", "bob", "31906_833502_1572869830"),
            new MessageRecord.Sent(1L, 2L, Instant.parse("2024-09-01T00:00:00Z"), false, "203.0.113.9", "iOS"), 0,
            Instant.parse("2024-09-01T00:00:01Z"));

    @Test
    void aLineIsTheChecksumOfItsJsonThenTheJson() {
        String line = new String(SpoolLine.encode(JSON, RECORD), StandardCharsets.UTF_8);

        assertThat(line).matches("[0-9a-f]{8} \\{.*}\n");
        assertThat(line).contains("\"kind\":\"AFTER_SEND\"").contains("\"from\":\"ann\"")
                .contains("\"msgTime\":\"2024-09-01T00:00:00Z\"");
    }

    @Test
    void aLineReadsBackAsItsRecord() {
        assertThat(SpoolLine.decode(JSON, withoutNewline(SpoolLine.encode(JSON, RECORD)))).contains(RECORD);
    }

    @Test
    void aGroupRecordReadsBackAsItsRecord() {
        MessageRecord group = MessageRecord.groupRecallEcho(new GroupMessageKey(1400000000L, "@TGS#1", "topic", 130),
                "admin", "Community", Instant.parse("2024-09-01T00:05:00Z"), Instant.parse("2024-09-01T00:05:01Z"));
        byte[] line = SpoolLine.encode(JSON, group);

        assertThat(new String(line, StandardCharsets.UTF_8)).contains("\"kind\":\"GROUP_RECALL\"")
                .contains("\"groupId\":\"@TGS#1\"");
        assertThat(SpoolLine.decode(JSON, withoutNewline(line))).contains(group);
    }

    @Test
    void fieldsAVersionDoesNotKnowAreIgnored() {
        String json = "{\"kind\":\"RECALL\",\"sdkAppId\":1,\"from\":\"a\",\"to\":\"b\",\"msgKey\":\"k\","
                + "\"addedLater\":true}";
        byte[] line = line(json);

        assertThat(SpoolLine.decode(JSON, line)).hasValueSatisfying(record -> {
            assertThat(record.kind()).isEqualTo(MessageRecord.Kind.RECALL);
            assertThat(record.msgKey()).isEqualTo("k");
        });
    }

    @Test
    void aDamagedOrTornLineReadsAsNothing() {
        byte[] good = withoutNewline(SpoolLine.encode(JSON, RECORD));
        byte[] flipped = good.clone();
        flipped[20] ^= 1;

        assertThat(SpoolLine.decode(JSON, flipped)).isEmpty();
        assertThat(SpoolLine.decode(JSON, Arrays.copyOf(good, good.length - 5))).isEmpty();
        assertThat(SpoolLine.decode(JSON, Arrays.copyOf(good, 9))).isEmpty();
        assertThat(SpoolLine.decode(JSON, "zzzzzzzz {}".getBytes(StandardCharsets.US_ASCII))).isEmpty();
        assertThat(SpoolLine.decode(JSON, line("not json"))).isEmpty();
    }

    private static byte[] withoutNewline(byte[] line) {
        return Arrays.copyOf(line, line.length - 1);
    }

    /** A line with a correct checksum over whatever text is given. */
    private static byte[] line(String json) {
        CRC32 crc = new CRC32();
        crc.update(json.getBytes(StandardCharsets.UTF_8));
        return (HexFormat.of().toHexDigits((int) crc.getValue()) + " " + json).getBytes(StandardCharsets.UTF_8);
    }
}
