package io.msgkey.recorder.subject;

import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.jboss.logging.Logger;

import io.msgkey.recorder.audit.AuditAction;
import io.msgkey.recorder.audit.AuditLog;
import io.msgkey.recorder.common.ApiException;
import io.msgkey.recorder.common.CsvExport;
import io.msgkey.recorder.common.TextParameter;
import io.msgkey.recorder.hold.LegalHoldView;
import io.msgkey.recorder.hold.LegalHolds;

/**
 * Data-subject requests: a user's records counted, read, exported and erased, each audited. Erasure is refused while
 * the user is under an active hold, and while a recall job still has to recall one of the user's messages (its item
 * needs the row). Recall jobs, their items and the audit trail stay: they are the service's own record of what it did.
 */
@ApplicationScoped
public class SubjectService {

    private static final Logger LOG = Logger.getLogger(SubjectService.class);
    private static final int MAX_REASON = 2000;
    private static final int MAX_REFERENCE = 200;

    private final SubjectRecords records;
    private final SubjectErasure erasure;
    private final LegalHolds holds;
    private final AuditLog audit;

    SubjectService(SubjectRecords records, SubjectErasure erasure, LegalHolds holds, AuditLog audit) {
        this.records = records;
        this.erasure = erasure;
        this.holds = holds;
        this.audit = audit;
    }

    @Transactional
    public SubjectSummary summary(String user, String actor) {
        long count = records.count(user);
        List<Long> held = holds.activeFor(user).stream().map(LegalHoldView::id).toList();
        audit.append(actor, AuditAction.SUBJECT_COUNTED, entry -> {
            entry.filter = audit.json(Map.of("user", user));
            entry.resultCount = count;
        });
        return new SubjectSummary(user, count, held);
    }

    @Transactional
    public SubjectPage page(String user, String cursor, int limit, String actor) {
        SubjectPage page = records.page(user, cursor, limit);
        audit.append(actor, AuditAction.SUBJECT_READ, entry -> {
            entry.filter = audit.json(Map.of("user", user));
            entry.resultCount = (long) page.items().size();
            entry.detail = cursor == null || cursor.isBlank() ? "first page" : "next page";
        });
        return page;
    }

    /** A page for the CSV export, which is audited once, as a whole ({@link #exported}). */
    SubjectPage exportPage(String user, String cursor) {
        return records.page(user, cursor, CsvExport.PAGE_SIZE);
    }

    @Transactional
    public void exported(String user, String actor) {
        audit.append(actor, AuditAction.SUBJECT_EXPORTED, entry -> {
            entry.filter = audit.json(Map.of("user", user));
            entry.detail = "CSV of every record naming " + user;
        });
    }

    /** Checks, erases chunk by chunk (outside any transaction), then records what went. */
    public ErasureResult erase(String user, ErasureRequest request, String actor) {
        String reason = TextParameter.bounded("reason", request == null ? null : request.reason(), MAX_REASON, true);
        String reference = TextParameter.bounded("reference", request == null ? null : request.reference(),
                MAX_REFERENCE, false);
        startErasure(user, reason, reference, actor);
        long removed;
        try {
            removed = erasure.erase(user);
        } catch (SQLException e) {
            LOG.errorf("erasure of %s stopped: %s", user.replaceAll("\\p{Cntrl}", "?"), e.getMessage());
            throw new ApiException(503, "the database did not complete the erasure; ask for it again (what was "
                    + "removed stays removed)", null);
        }
        ErasureResult result = finishErasure(user, reason, reference, removed, actor);
        refuseWhileHeld(user, "erased further (" + removed + " records were removed before the hold was placed)");
        return result;
    }

    @Transactional
    void startErasure(String user, String reason, String reference, String actor) {
        refuseWhileHeld(user, "erased");
        long pending = records.pendingRecalls(user);
        if (pending > 0) {
            throw ApiException.conflict(user + " has " + pending + " messages that recall jobs have yet to recall; "
                    + "let those jobs finish or cancel them, then erase");
        }
        audit.append(actor, AuditAction.SUBJECT_ERASED, entry -> {
            entry.filter = audit.json(Map.of("user", user));
            entry.reason = reason;
            entry.detail = "erasure started" + (reference == null ? "" : "; reference " + reference);
        });
    }

    @Transactional
    ErasureResult finishErasure(String user, String reason, String reference, long removed, String actor) {
        audit.append(actor, AuditAction.SUBJECT_ERASED, entry -> {
            entry.filter = audit.json(Map.of("user", user, "messages", removed));
            entry.reason = reason;
            entry.resultCount = removed;
            entry.detail = "erasure finished" + (reference == null ? "" : "; reference " + reference);
        });
        return new ErasureResult(user, removed);
    }

    private void refuseWhileHeld(String user, String what) {
        List<LegalHoldView> active = holds.activeFor(user);
        if (!active.isEmpty()) {
            throw ApiException.conflict(user + " is under legal hold (" + active.stream()
                    .map(hold -> "hold " + hold.id() + (hold.reference() == null ? "" : ", " + hold.reference()))
                    .collect(Collectors.joining("; ")) + "): their records cannot be " + what
                    + " until it is released");
        }
    }
}
