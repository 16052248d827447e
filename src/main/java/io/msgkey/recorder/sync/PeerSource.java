package io.msgkey.recorder.sync;

import com.fasterxml.jackson.annotation.JsonValue;

/** Why a conversation is part of a sync job: whom the {@code found_by} column names. */
public enum PeerSource {
    /** Named in the request's peers. */
    REQUEST("request"),
    /** A peer the record knows for the user, in either direction. */
    RECORD("record"),
    /** On the user's conversation list at Tencent (v4/recentcontact/get_list) and not known otherwise. */
    TENCENT("tencent");

    private final String wireName;

    PeerSource(String wireName) {
        this.wireName = wireName;
    }

    @JsonValue
    public String wireName() {
        return wireName;
    }
}
