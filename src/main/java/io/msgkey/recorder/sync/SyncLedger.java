package io.msgkey.recorder.sync;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.hibernate.Session;
import org.jboss.logging.Logger;

import io.msgkey.recorder.common.ForeignText;
import io.msgkey.recorder.ingest.IdentityText;
import io.msgkey.recorder.ingest.MessageStore;
import io.msgkey.recorder.message.MessageKey;
import io.msgkey.recorder.tencent.ContactPage;
import io.msgkey.recorder.tencent.RoamCursor;
import io.msgkey.recorder.tencent.RoamPage;
import io.msgkey.recorder.tencent.TencentConfig;
import io.msgkey.recorder.tencent.TencentFailure;
import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * The engine's decisions about its work, one short transaction per step. A fetched page is recorded together with its
 * conversation's new cursor and counts: the messages through the write path's own upsert and merge rules, in the
 * same transaction, so that a crash, a restart or another instance taking over finds either both or neither, and
 * fetches the page again in the second case. {@link SyncJobRepository} writes what is decided.
 */
@ApplicationScoped
class SyncLedger {

    private static final Logger LOG = Logger.getLogger(SyncLedger.class);

    private final SyncJobRepository jobs;
    private final MessageStore store;
    private final EntityManager entityManager;
    private final Clock clock;
    private final long sdkAppId;
    private final SyncConfig.Worker config;

    SyncLedger(SyncJobRepository jobs, MessageStore store, EntityManager entityManager, Clock clock,
            TencentConfig tencent, SyncConfig config) {
        this.jobs = jobs;
        this.store = store;
        this.entityManager = entityManager;
        this.clock = clock;
        this.sdkAppId = tencent.sdkAppId();
        this.config = config.worker();
    }

    /**
     * Records a page fetched from {@code from}: false when the conversation is no longer this owner's to record (its
     * job was paused or cancelled, or its lease taken over), and nothing is written then. The messages go first, in
     * the order every writer of the message table locks them, then the conversation: one short transaction, three
     * statements.
     */
    @Transactional
    boolean recordPage(SyncWork.Conversation conversation, RoamCursor from, RoamPage page, String owner) {
        Instant now = clock.instant();
        SyncPage content = SyncPage.of(page.messages(), from.lastMsgKey(), sdkAppId, now);
        Set<MessageKey> inserted = content.records().isEmpty() ? Set.of()
                : entityManager.unwrap(Session.class)
                        .doReturningWork(connection -> store.writeInTransaction(connection, content.records()));
        if (!jobs.recordPage(conversation.id(), owner, content.counts(inserted), page.next(), config.lease(), now)) {
            QuarkusTransaction.setRollbackOnly();
            return false;
        }
        return true;
    }

    /** Adds a page of the user's conversation list to the job; false when the list is no longer this owner's. */
    @Transactional
    boolean recordListPage(SyncWork.Listing listing, ContactPage page, String owner) {
        if (!jobs.lockListing(listing.jobId(), owner)) {
            return false;
        }
        List<String> peers = page.peers().stream().filter(peer -> {
            boolean recordable = IdentityText.problem(peer).isEmpty();
            if (!recordable) {
                LOG.warnf("recentcontact/get_list listed a peer the record cannot hold (%s); left out", peer);
            }
            return recordable;
        }).distinct().toList();
        jobs.addConversations(listing.jobId(), peers, PeerSource.TENCENT);
        jobs.recordListPage(listing.jobId(), page.next(), config.lease());
        return true;
    }

    /** A conversation's fetch failed: it waits for a retry, fails, or (a configuration error) goes back as it was. */
    SyncVerdict conversationFailed(SyncWork.Conversation conversation, TencentFailure failure, String owner) {
        SyncVerdict verdict = SyncVerdict.of(failure.error());
        String error = describe(failure);
        switch (verdict) {
            case PAUSE_JOB -> jobs.release(conversation.id(), owner);
            case RETRY_LATER -> jobs.retryLater(conversation.id(), owner, error, config.retryDelay(),
                    config.maxAttempts(), clock.instant());
            case FAIL -> jobs.fail(conversation.id(), owner, error, clock.instant());
        }
        return verdict;
    }

    /** As {@link #conversationFailed}, for a job's conversation list. */
    SyncVerdict listingFailed(SyncWork.Listing listing, TencentFailure failure, String owner) {
        SyncVerdict verdict = SyncVerdict.of(failure.error());
        String error = describe(failure);
        switch (verdict) {
            case PAUSE_JOB -> jobs.releaseListing(listing.jobId(), owner);
            case RETRY_LATER -> jobs.retryListingLater(listing.jobId(), owner, error, config.retryDelay(),
                    config.maxAttempts());
            case FAIL -> jobs.failListing(listing.jobId(), owner, error);
        }
        return verdict;
    }

    static String describe(TencentFailure failure) {
        return ForeignText.storable("Tencent error" + (failure.code() == null ? "" : " " + failure.code()) + ": "
                + failure.info());
    }
}
