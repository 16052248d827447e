package io.msgkey.recorder.ingest;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HexFormat;
import java.util.zip.CRC32;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import io.msgkey.recorder.message.GroupMessageKey;
import io.msgkey.recorder.message.MessageKey;

/** Spool segments written by hand, in the spool's line format ({@code crc32 json}), for replay tests. */
final class SpoolLines {

    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private SpoolLines() {
    }

    static MessageRecord afterSend(String msgKey) {
        return afterSend("spooled-sender", msgKey, "203.0.113.9");
    }

    static MessageRecord afterSend(String from, String msgKey, String clientIp) {
        return MessageRecord.afterSend(new MessageKey(1400000000L, from, "spooled-recipient", msgKey),
                new MessageRecord.Sent(1L, 2L, Instant.parse("2024-09-01T00:00:00Z"), false, clientIp, "Android"), 0,
                Instant.now());
    }

    static MessageRecord groupAfterSend(String groupId, long msgSeq) {
        return MessageRecord.groupAfterSend(new GroupMessageKey(1400000000L, groupId, "", msgSeq),
                new MessageRecord.GroupSent("spooled-sender", "admin", 7L, Instant.parse("2024-09-01T00:00:00Z"), false,
                        "Public", "203.0.113.9", "Android"),
                Instant.now());
    }

    static MessageRecord groupRecallEcho(String groupId, long msgSeq) {
        return MessageRecord.groupRecallEcho(new GroupMessageKey(1400000000L, groupId, "", msgSeq), "admin", "Public",
                Instant.parse("2024-09-01T00:05:00Z"), Instant.now());
    }

    static byte[] line(MessageRecord record) {
        try {
            byte[] json = JSON.writeValueAsBytes(record);
            CRC32 crc = new CRC32();
            crc.update(json);
            String line = HexFormat.of().toHexDigits((int) crc.getValue()) + " "
                    + new String(json, StandardCharsets.UTF_8) + "\n";
            return line.getBytes(StandardCharsets.UTF_8);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] of(MessageRecord... records) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (MessageRecord record : records) {
            out.writeBytes(line(record));
        }
        return out.toByteArray();
    }
}
