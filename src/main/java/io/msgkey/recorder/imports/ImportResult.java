package io.msgkey.recorder.imports;

import java.util.List;

/**
 * What an import recorded: {@code recorded} messages (one per recipient, each stored or made durable in the spool;
 * one already in the record counts again and changes nothing) and the recipients Tencent did not send to.
 */
public record ImportResult(int recorded, List<NotRecorded> notRecorded) {
}
