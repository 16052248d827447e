package io.msgkey.recorder.sync;

/** A running job with nothing left to fetch, and what it failed to fetch, if anything. */
record Finishing(long jobId, long conversations, long failed, String firstFailure, String listError) {

    SyncJobState state() {
        return failed > 0 || listError != null ? SyncJobState.FAILED : SyncJobState.COMPLETED;
    }

    /** Why the job failed, in one sentence; null when it did not. */
    String error() {
        if (state() == SyncJobState.COMPLETED) {
            return null;
        }
        StringBuilder error = new StringBuilder();
        if (listError != null) {
            error.append("Tencent's conversation list could not be read to its end: ").append(listError);
        }
        if (failed > 0) {
            error.append(error.isEmpty() ? "" : "; ").append(failed).append(" of ").append(conversations)
                    .append(" conversations could not be fetched to their end (first: ").append(firstFailure)
                    .append(')');
        }
        return error.toString();
    }
}
