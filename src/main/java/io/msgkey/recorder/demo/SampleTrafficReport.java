package io.msgkey.recorder.demo;

/** What one batch of sample traffic posted. */
public record SampleTrafficReport(
        int callbacks,
        int acknowledged,
        String abuser,
        int abuserMessages,
        int abuserUndelivered,
        int otherMessages,
        int recalledBySender) {
}
