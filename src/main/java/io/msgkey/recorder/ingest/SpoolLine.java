package io.msgkey.recorder.ingest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Optional;
import java.util.zip.CRC32;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * One record in the spool: {@code <crc32 of the json, 8 hex digits> <json>\n}. The checksum tells a line damaged on
 * disk or cut short by a crash from a good one; the format is read back by every later version, so it only grows.
 */
final class SpoolLine {

    private static final int CRC_DIGITS = 8;

    private SpoolLine() {
    }

    static byte[] encode(ObjectMapper mapper, MessageRecord record) {
        try {
            byte[] json = mapper.writeValueAsBytes(record);
            byte[] line = new byte[CRC_DIGITS + 1 + json.length + 1];
            byte[] crc = HexFormat.of().toHexDigits((int) crc(json)).getBytes(StandardCharsets.US_ASCII);
            System.arraycopy(crc, 0, line, 0, CRC_DIGITS);
            line[CRC_DIGITS] = ' ';
            System.arraycopy(json, 0, line, CRC_DIGITS + 1, json.length);
            line[line.length - 1] = '\n';
            return line;
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The record of a line without its newline; empty when the checksum or the JSON does not hold up. */
    static Optional<MessageRecord> decode(ObjectMapper mapper, byte[] line) {
        if (line.length <= CRC_DIGITS + 1 || line[CRC_DIGITS] != ' ') {
            return Optional.empty();
        }
        try {
            long expected = HexFormat.fromHexDigitsToLong(new String(line, 0, CRC_DIGITS, StandardCharsets.US_ASCII));
            byte[] json = Arrays.copyOfRange(line, CRC_DIGITS + 1, line.length);
            return expected == crc(json) ? Optional.of(mapper.readValue(json, MessageRecord.class)) : Optional.empty();
        } catch (IOException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static long crc(byte[] bytes) {
        CRC32 crc = new CRC32();
        crc.update(bytes);
        return crc.getValue();
    }
}
