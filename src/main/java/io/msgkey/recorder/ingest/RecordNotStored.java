package io.msgkey.recorder.ingest;

/** Neither the database nor the spool could take a record: the caller must not acknowledge it as stored. */
public class RecordNotStored extends RuntimeException {

    RecordNotStored(Throwable cause) {
        super("neither the database nor the spool could store the record", cause);
    }
}
