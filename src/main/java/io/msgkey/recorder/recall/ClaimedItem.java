package io.msgkey.recorder.recall;

/** An item this instance holds a lease on, with the recorded message and what the recall call names. */
record ClaimedItem(ItemKey key, long messageId, OneToOneMessage message) {

    /** A one-to-one message as admin_msgwithdraw names it. */
    record OneToOneMessage(String from, String to, String msgKey) {
    }
}
