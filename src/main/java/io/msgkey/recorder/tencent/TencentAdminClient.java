package io.msgkey.recorder.tencent;

import java.io.IOException;
import java.net.URI;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.ProcessingException;

import org.jboss.resteasy.reactive.RestResponse;
import org.jboss.resteasy.reactive.client.api.QuarkusRestClientProperties;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.msgkey.recorder.tencent.TencentAdminApi.WithdrawRequest;
import io.quarkus.rest.client.reactive.QuarkusRestClientBuilder;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.faulttolerance.api.Guard;
import io.vertx.core.Vertx;

/**
 * Tencent's admin API for the rest of the service: every call signed with the admin UserSig, paced by the shared rate
 * limiter, retried on rate-limit and transient errors with backoff, and its outcome classified. Calls block the
 * calling thread (meant to be a virtual thread) while the HTTP client underneath stays non-blocking and pooled, so
 * tens of calls are in flight at once.
 */
@ApplicationScoped
public class TencentAdminClient {

    private static final long UINT32_RANGE = 1L << 32;
    /** Messages asked for per admin_getroammsg page; Tencent answers fewer when they exceed about 13 KB. */
    private static final int ROAM_PAGE_SIZE = 100;
    /**
     * Refusals as over the rate limit that one call absorbs, each followed by a new slot of the slowed-down pace,
     * before it fails as rate-limited into the retries that count as its attempts.
     */
    private static final int MAX_REFUSALS = 3;

    private final long sdkAppId;
    private final String identifier;
    private final UserSigs userSigs;
    private final TencentRateLimiter limiter;
    private final ObjectMapper mapper;
    private final Optional<TencentAdminApi> api;
    private final Guard retries;
    private final TencentConfig.Api apiConfig;
    private int warmedUp;

    TencentAdminClient(TencentConfig config, UserSigs userSigs, TencentRateLimiter limiter, ObjectMapper mapper) {
        this.sdkAppId = config.sdkAppId();
        this.identifier = config.admin().identifier();
        this.userSigs = userSigs;
        this.limiter = limiter;
        this.mapper = mapper;
        this.apiConfig = config.api();
        this.api = config.api().endpoint().map(endpoint -> restClient(endpoint, config.api(), limiter.sendGate()));
        TencentConfig.Retry retry = config.retry();
        this.retries = Guard.create().withDescription("Tencent admin API").withRetry()
                .maxRetries(retry.maxRetries())
                .delay(retry.initialDelay().toMillis(), ChronoUnit.MILLIS)
                .jitter(0, ChronoUnit.MILLIS)
                .maxDuration(1, ChronoUnit.HOURS)
                .whenException(e -> e instanceof TencentFailure failure && failure.error().retryable())
                .withCustomBackoff()
                .strategy(() -> new TencentBackoff(retry.maxDelay().toMillis(),
                        retry.sigCheckThrottledDelay().toMillis()))
                .done().done().build();
    }

    /**
     * Before the service reports ready, the client path runs hot against a local server ({@link ClientWarmUp}), so
     * that the first recall job after a start keeps Tencent's limit where the calls arrive.
     */
    void warmUp(@Observes StartupEvent event, Vertx vertx) throws InterruptedException {
        if (api.isPresent() && apiConfig.warmUpCalls() > 0) {
            warmedUp = ClientWarmUp.run(vertx, endpoint -> restClient(endpoint, apiConfig).build(TencentAdminApi.class),
                    mapper, apiConfig.warmUpCalls(), apiConfig.warmUpCallers());
        }
    }

    /** The calls the start's warm-up made to its local server. */
    int warmedUp() {
        return warmedUp;
    }

    private static TencentAdminApi restClient(URI endpoint, TencentConfig.Api config, SendGate gate) {
        // the window's filter before any other, and its customizer where the event loop writes the request
        return restClient(endpoint, config).register(gate, Priorities.USER - 1000).httpClientRequestCustomizer(gate)
                .build(TencentAdminApi.class);
    }

    private static QuarkusRestClientBuilder restClient(URI endpoint, TencentConfig.Api config) {
        return QuarkusRestClientBuilder.newBuilder().baseUri(endpoint)
                .connectTimeout(config.connectTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .readTimeout(config.readTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .property(QuarkusRestClientProperties.CONNECTION_POOL_SIZE, config.connectionPoolSize())
                .disableDefaultMapper(true);
    }

    /**
     * Recalls one one-to-one message. Never throws: every way it can end is an outcome, with the attempts made and
     * whether an answer was lost on the way.
     */
    public WithdrawOutcome withdraw(String from, String to, String msgKey) {
        Attempts attempts = new Attempts();
        WithdrawRequest body = new WithdrawRequest(from, to, msgKey);
        try {
            call(RateLimitedCommand.ADMIN_MSGWITHDRAW, attempts,
                    (client, usersig, random) -> client.adminMsgWithdraw(Long.toString(sdkAppId), identifier, usersig,
                            random, "json", body));
            return WithdrawOutcome.recalled(attempts.made, attempts.answerLost);
        } catch (TencentFailure failure) {
            return WithdrawOutcome.of(failure, attempts.made, attempts.answerLost);
        }
    }

    /**
     * One page of the one-to-one history between two accounts as the operator sees it, newest first, from the cursor
     * on and no older than {@code minTime} (Unix seconds): while Complete is 0, the next page asks again with MaxTime
     * = LastMsgTime and the LastMsgKey, same MinTime. Throws a {@link TencentFailure} when the call fails after its
     * retries, or when Tencent says there is more without moving the cursor on.
     */
    public RoamPage roamPage(String operator, String peer, long minTime, RoamCursor cursor) {
        TencentAdminApi.RoamQuery query = TencentAdminApi.RoamQuery.page(operator, peer, ROAM_PAGE_SIZE, minTime,
                cursor);
        TencentReply reply = call(RateLimitedCommand.ADMIN_GETROAMMSG, new Attempts(),
                (client, usersig, random) -> client.adminGetRoamMsg(Long.toString(sdkAppId), identifier, usersig,
                        random, "json", query));
        List<RoamMessage> messages = reply.msgList() == null ? List.of()
                : reply.msgList().stream().map(RoamMessage::of).toList();
        if (reply.complete() == null || reply.complete() == 1) {
            return new RoamPage(messages, null);
        }
        if (reply.lastMsgKey() == null || reply.lastMsgTime() == null) {
            throw new TencentFailure(TencentError.UNKNOWN, null,
                    "admin_getroammsg returned Complete=0 without LastMsgKey and LastMsgTime");
        }
        RoamCursor next = new RoamCursor(reply.lastMsgTime(), reply.lastMsgKey());
        if (next.equals(cursor)) {
            throw new TencentFailure(TencentError.UNKNOWN, null,
                    "admin_getroammsg returned Complete=0 without moving LastMsgKey/LastMsgTime on");
        }
        return new RoamPage(messages, next);
    }

    /**
     * One page of a user's conversation list (v4/recentcontact/get_list): the peers of its one-to-one conversations;
     * group conversations are left out. While CompleteFlag is 0, the next page asks again with the four cursors of the
     * reply. Throws a {@link TencentFailure} as {@link #roamPage} does.
     */
    public ContactPage contactPage(String account, ContactCursor cursor) {
        TencentAdminApi.ContactListQuery query = TencentAdminApi.ContactListQuery.page(account, cursor);
        TencentReply reply = call(RateLimitedCommand.RECENTCONTACT_GET_LIST, new Attempts(),
                (client, usersig, random) -> client.recentContactGetList(Long.toString(sdkAppId), identifier, usersig,
                        random, "json", query));
        List<String> peers = reply.sessionItems() == null ? List.of()
                : reply.sessionItems().stream().filter(TencentReply.SessionEntry::oneToOne)
                        .map(TencentReply.SessionEntry::to).toList();
        if (reply.completeFlag() == null || reply.completeFlag() == 1) {
            return new ContactPage(peers, null);
        }
        ContactCursor next = new ContactCursor(orZero(reply.timeStamp()), orZero(reply.startIndex()),
                orZero(reply.topTimeStamp()), orZero(reply.topStartIndex()));
        if (next.equals(cursor)) {
            throw new TencentFailure(TencentError.UNKNOWN, null,
                    "recentcontact/get_list returned CompleteFlag=0 without moving its cursors on");
        }
        return new ContactPage(peers, next);
    }

    /**
     * One group_msg_recall call, retried as a whole on rate-limit and transient errors: {@link GroupRecalls} reads its
     * RetCodes. Throws a {@link TencentFailure} when the call fails; {@code attempts} counts the calls made either way.
     */
    TencentReply groupMsgRecall(TencentAdminApi.GroupRecallRequest body, Attempts attempts) {
        return call(RateLimitedCommand.GROUP_MSG_RECALL, attempts,
                (client, usersig, random) -> client.groupMsgRecall(Long.toString(sdkAppId), identifier, usersig,
                        random, "json", body));
    }

    private static long orZero(Long value) {
        return value == null ? 0 : value;
    }

    private TencentReply call(RateLimitedCommand command, Attempts attempts, Invocation invocation) {
        try {
            return retried(command, attempts, invocation);
        } catch (TencentFailure failure) {
            if (failure.error() != TencentError.USERSIG_EXPIRED) {
                throw failure;
            }
            userSigs.renew();
            return retried(command, attempts, invocation);
        }
    }

    private TencentReply retried(RateLimitedCommand command, Attempts attempts, Invocation invocation) {
        try {
            return retries.call(() -> attempt(command, attempts, invocation), TencentReply.class);
        } catch (TencentFailure failure) {
            throw failure;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TencentFailure(TencentError.TRANSIENT, null, command.command() + " interrupted");
        } catch (Exception e) {
            throw new TencentFailure(TencentError.TRANSIENT, null,
                    command.command() + " failed: " + TransportErrors.describe(e));
        }
    }

    private TencentReply attempt(RateLimitedCommand command, Attempts attempts, Invocation invocation)
            throws InterruptedException {
        TencentAdminApi client = api.orElseThrow(() -> new TencentFailure(TencentError.CONFIG, null,
                "neither tencent.api.region nor tencent.api.base-url is configured"));
        String usersig;
        try {
            usersig = userSigs.current();
        } catch (IllegalStateException e) {
            throw new TencentFailure(TencentError.CONFIG, null, e.getMessage());
        }
        for (int refusals = 0;; refusals++) {
            TencentReply reply = sent(command, attempts, client, usersig, invocation);
            TencentError error = TencentError.of(reply.errorCode());
            if (error == TencentError.RATE_LIMITED && refusals < MAX_REFUSALS) {
                // Tencent did not act on a refused call: not one of its attempts, and a sign for every caller to slow down
                attempts.made--;
                limiter.refused(command, reply.errorCode(), reply.errorInfo());
                continue;
            }
            if (error != TencentError.NONE) {
                throw new TencentFailure(error, reply.errorCode(), TencentErrorHints.describe(reply));
            }
            return reply;
        }
    }

    private TencentReply sent(RateLimitedCommand command, Attempts attempts, TencentAdminApi client, String usersig,
            Invocation invocation) throws InterruptedException {
        try {
            limiter.acquire(command);
        } catch (RuntimeException e) {
            throw new TencentFailure(TencentError.TRANSIENT, null,
                    "rate limiter unavailable: " + TransportErrors.describe(e));
        }
        attempts.made++;
        RestResponse<String> response;
        long random = ThreadLocalRandom.current().nextLong(UINT32_RANGE);
        try {
            response = invocation.invoke(client, usersig, random);
        } catch (ProcessingException e) {
            attempts.answerLost |= !TransportErrors.neverSent(e);
            throw new TencentFailure(TencentError.TRANSIENT, null,
                    command.command() + " failed: " + TransportErrors.describe(e));
        } finally {
            // a request that never reached the wire (a refused connection) no longer holds a place in the window
            limiter.sendGate().ended(command, random);
        }
        int status = response.getStatus();
        if (status != 200) {
            attempts.answerLost |= status >= 500;
            throw new TencentFailure(TencentError.ofHttpStatus(status), status,
                    "HTTP " + status + " from " + command.command());
        }
        try {
            return parse(command, response.getEntity());
        } catch (TencentFailure unreadable) {
            attempts.answerLost = true;
            throw unreadable;
        }
    }

    private TencentReply parse(RateLimitedCommand command, String body) {
        try {
            TencentReply reply = body == null ? null : mapper.readValue(body, TencentReply.class);
            if (reply == null || reply.actionStatus() == null) {
                throw new IOException("no ActionStatus");
            }
            return reply;
        } catch (IOException e) {
            throw new TencentFailure(TencentError.TRANSIENT, null, command.command() + " answered something that is "
                    + "not a Tencent reply: " + (body == null ? "(empty)" : TransportErrors.masked(body)));
        }
    }

    /** Attempts made for one logical call, and whether one of them may have taken effect unseen. */
    static final class Attempts {
        int made;
        boolean answerLost;
    }

    @FunctionalInterface
    private interface Invocation {
        RestResponse<String> invoke(TencentAdminApi client, String usersig, long random);
    }
}
