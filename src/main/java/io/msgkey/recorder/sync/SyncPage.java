package io.msgkey.recorder.sync;

import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

import org.jboss.logging.Logger;

import io.msgkey.recorder.ingest.IdentityText;
import io.msgkey.recorder.ingest.MessageRecord;
import io.msgkey.recorder.message.MessageKey;
import io.msgkey.recorder.tencent.RoamMessage;

/**
 * A page of Tencent's roaming history as records for the write path: each message once, the one that ended the page
 * before left out should Tencent repeat it, and entries the record cannot hold (an empty MsgKey, a time past 2100)
 * left out with a warning. A message Tencent flags recalled (MsgFlagBits 8) is recorded as recalled, as of now.
 */
record SyncPage(List<MessageRecord> records, long recalled) {

    private static final Logger LOG = Logger.getLogger(SyncPage.class);
    private static final long LATEST_SECOND = 4_102_444_800L;

    static SyncPage of(List<RoamMessage> messages, String previousLastMsgKey, long sdkAppId, Instant fetchedAt) {
        Map<MessageKey, MessageRecord> records = new LinkedHashMap<>();
        long recalled = 0;
        for (RoamMessage message : messages) {
            if (Objects.equals(message.msgKey(), previousLastMsgKey) || !recordable(message)) {
                continue;
            }
            MessageKey key = new MessageKey(sdkAppId, message.from(), message.to(), message.msgKey());
            MessageRecord record = MessageRecord.roamed(key, message.msgSeq(), message.msgRandom(), message.msgTime(),
                    message.recalled() ? fetchedAt : null, fetchedAt);
            if (records.putIfAbsent(key, record) == null && message.recalled()) {
                recalled++;
            }
        }
        return new SyncPage(List.copyOf(records.values()), recalled);
    }

    PageCounts counts(Collection<MessageKey> inserted) {
        Set<MessageKey> keys = records.stream().map(MessageRecord::key).collect(Collectors.toSet());
        return new PageCounts(records.size(), inserted.stream().filter(keys::contains).count(), recalled);
    }

    private static boolean recordable(RoamMessage message) {
        for (String text : new String[] { message.from(), message.to(), message.msgKey() }) {
            if (text == null || IdentityText.problem(text).isPresent()) {
                LOG.warnf("admin_getroammsg listed a message the record cannot hold (From %s, To %s, MsgKey %s); "
                        + "left out", message.from(), message.to(), message.msgKey());
                return false;
            }
        }
        long second = message.msgTime().getEpochSecond();
        if (second <= 0 || second >= LATEST_SECOND) {
            LOG.warnf("admin_getroammsg listed MsgKey %s with MsgTimeStamp %d; left out", message.msgKey(), second);
            return false;
        }
        return true;
    }
}
