package io.msgkey.recorder.audit;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.msgkey.recorder.common.KeysetCursor;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;

/** A filter over the audit log: time range (since inclusive, until exclusive), actor, action, keyset position. */
public record AuditQuery(Instant since, Instant until, String actor, AuditAction action, KeysetCursor after) {

    public AuditQuery after(KeysetCursor position) {
        return new AuditQuery(since, until, actor, action, position);
    }

    String where() {
        List<String> conditions = new ArrayList<>();
        conditions.add("1 = 1");
        if (since != null) {
            conditions.add("occurredAt >= :since");
        }
        if (until != null) {
            conditions.add("occurredAt < :until");
        }
        if (actor != null) {
            conditions.add("actor = :actor");
        }
        if (action != null) {
            conditions.add("action = :action");
        }
        if (after != null) {
            conditions.add("(occurredAt < :afterTime or (occurredAt = :afterTime and id < :afterId))");
        }
        return String.join(" and ", conditions);
    }

    Sort sort() {
        return Sort.descending("occurredAt", "id");
    }

    Parameters parameters() {
        Parameters parameters = new Parameters();
        if (since != null) {
            parameters.and("since", since);
        }
        if (until != null) {
            parameters.and("until", until);
        }
        if (actor != null) {
            parameters.and("actor", actor);
        }
        if (action != null) {
            parameters.and("action", action);
        }
        if (after != null) {
            parameters.and("afterTime", after.time()).and("afterId", after.id());
        }
        return parameters;
    }

    /** What a cursor is bound to: the same filter without the position. */
    String fingerprint() {
        return "audit|" + since + "|" + until + "|" + actor + "|" + action;
    }
}
