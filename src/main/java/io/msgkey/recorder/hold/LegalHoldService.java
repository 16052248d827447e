package io.msgkey.recorder.hold;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import io.msgkey.recorder.audit.AuditAction;
import io.msgkey.recorder.audit.AuditLog;
import io.msgkey.recorder.common.ApiException;
import io.msgkey.recorder.common.KeysetCursors;
import io.msgkey.recorder.common.TextParameter;

/** Places, releases and lists legal holds; each act is audited in its own transaction. */
@ApplicationScoped
public class LegalHoldService {

    static final int MAX_USER = 256;
    static final int MAX_REASON = 2000;
    static final int MAX_REFERENCE = 200;
    private static final String LIST_QUERY = "legal-holds";

    private final LegalHolds holds;
    private final AuditLog audit;
    private final Clock clock;
    private final KeysetCursors cursors;

    LegalHoldService(LegalHolds holds, AuditLog audit, Clock clock, KeysetCursors cursors) {
        this.holds = holds;
        this.audit = audit;
        this.clock = clock;
        this.cursors = cursors;
    }

    @Transactional
    public LegalHoldView create(LegalHoldRequest request, String actor) {
        if (request == null) {
            throw ApiException.badParameter("user", "the body is {\"user\": …, \"reason\": …, \"reference\": …}");
        }
        String user = TextParameter.bounded("user", TextParameter.accountId("user", request.user()), MAX_USER, true);
        String reason = TextParameter.bounded("reason", request.reason(), MAX_REASON, true);
        String reference = TextParameter.bounded("reference", request.reference(), MAX_REFERENCE, false);
        LegalHoldView hold = holds.create(user, reason, reference, actor, clock.instant());
        audited(actor, AuditAction.HOLD_CREATED, hold);
        return hold;
    }

    @Transactional
    public LegalHoldView release(long id, String actor) {
        LegalHoldView hold = holds.lock(id).orElseThrow(() -> ApiException.notFound("no legal hold " + id));
        if (!hold.active()) {
            throw ApiException.conflict("legal hold " + id + " was already released by " + hold.releasedBy() + " at "
                    + hold.releasedAt());
        }
        LegalHoldView released = holds.release(id, actor, clock.instant());
        audited(actor, AuditAction.HOLD_RELEASED, released);
        return released;
    }

    @Transactional
    public LegalHoldList list(String cursor, int limit, String actor) {
        OptionalLong before = cursors.decodeId(cursor, LIST_QUERY);
        List<LegalHoldView> rows = holds.page(before.isPresent() ? before.getAsLong() : null, limit + 1);
        List<LegalHoldView> page = rows.size() > limit ? rows.subList(0, limit) : rows;
        String next = rows.size() > limit ? cursors.encodeId(page.get(limit - 1).id(), LIST_QUERY) : null;
        audit.append(actor, AuditAction.HOLDS_LISTED, entry -> entry.resultCount = (long) page.size());
        return new LegalHoldList(page, next);
    }

    private void audited(String actor, AuditAction action, LegalHoldView hold) {
        Instant at = hold.releasedAt() == null ? hold.createdAt() : hold.releasedAt();
        audit.append(actor, action, entry -> {
            entry.filter = audit.json(Map.of("hold", hold.id(), "user", hold.user()));
            entry.reason = hold.reason();
            entry.detail = (hold.reference() == null ? "" : "reference " + hold.reference() + "; ") + "at " + at;
        });
    }
}
