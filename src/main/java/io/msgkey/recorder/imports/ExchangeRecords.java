package io.msgkey.recorder.imports;

import java.util.List;

import io.msgkey.recorder.ingest.MessageRecord;

/** What one exchange yields: a record per recipient Tencent sent to, and the recipients it did not. */
record ExchangeRecords(int exchange, List<MessageRecord> records, List<NotRecorded> notRecorded) {
}
