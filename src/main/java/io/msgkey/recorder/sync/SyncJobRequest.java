package io.msgkey.recorder.sync;

import java.util.List;

/**
 * A request to fetch one user's history from Tencent. Without {@code peers}, every peer the record knows for the
 * user and every one-to-one conversation on the user's list at Tencent. Times are ISO-8601 instants with an offset;
 * until defaults to now, since to the roaming period before until.
 */
public record SyncJobRequest(String user, List<String> peers, String since, String until) {
}
