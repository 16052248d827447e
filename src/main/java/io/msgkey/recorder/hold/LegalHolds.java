package io.msgkey.recorder.hold;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/**
 * Every statement that writes {@code legal_hold}, and the reads of it. Erasure and retention ask
 * {@link #ACTIVE_FOR_ACCOUNT} inside their own statements, so a hold committed between two of their chunks stops the
 * next one.
 */
@ApplicationScoped
public class LegalHolds {

    /**
     * SQL that is true while the account named by the given expression is under an active hold; for other features'
     * statements, which must not keep their own idea of what "held" means.
     */
    public static final String ACTIVE_FOR_ACCOUNT = "EXISTS (SELECT 1 FROM legal_hold h WHERE h.user_account = %s "
            + "AND h.released_at IS NULL)";

    private static final String COLUMNS = "id, user_account, reason, reference, created_by, created_at, released_by, "
            + "released_at";

    private final EntityManager entityManager;

    LegalHolds(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    LegalHoldView create(String user, String reason, String reference, String actor, Instant now) {
        return LegalHoldView.of((Object[]) entityManager.createNativeQuery("INSERT INTO legal_hold (user_account, "
                + "reason, reference, created_by, created_at) VALUES (?1, ?2, ?3, ?4, ?5) RETURNING " + COLUMNS)
                .setParameter(1, user).setParameter(2, reason).setParameter(3, reference).setParameter(4, actor)
                .setParameter(5, now).getSingleResult());
    }

    /** The hold, locked until the transaction ends; empty when there is none of that id. */
    @Transactional(Transactional.TxType.MANDATORY)
    Optional<LegalHoldView> lock(long id) {
        return rows("SELECT " + COLUMNS + " FROM legal_hold WHERE id = ?1 FOR UPDATE", id).stream().findFirst();
    }

    @Transactional(Transactional.TxType.MANDATORY)
    LegalHoldView release(long id, String actor, Instant now) {
        return LegalHoldView.of((Object[]) entityManager.createNativeQuery("UPDATE legal_hold SET released_by = ?1, "
                + "released_at = ?2 WHERE id = ?3 RETURNING " + COLUMNS).setParameter(1, actor).setParameter(2, now)
                .setParameter(3, id).getSingleResult());
    }

    /** Up to {@code limit} holds with ids below {@code beforeId} (null for the newest), newest first. */
    @Transactional
    List<LegalHoldView> page(Long beforeId, int limit) {
        return rows("SELECT " + COLUMNS + " FROM legal_hold WHERE id < ?1 ORDER BY id DESC LIMIT ?2",
                beforeId == null ? Long.MAX_VALUE : beforeId, limit);
    }

    /** The active holds on a user, oldest first. */
    @Transactional
    public List<LegalHoldView> activeFor(String user) {
        return rows("SELECT " + COLUMNS + " FROM legal_hold WHERE user_account = ?1 AND released_at IS NULL "
                + "ORDER BY id", user);
    }

    @SuppressWarnings("unchecked")
    private List<LegalHoldView> rows(String sql, Object... parameters) {
        var query = entityManager.createNativeQuery(sql);
        for (int i = 0; i < parameters.length; i++) {
            query.setParameter(i + 1, parameters[i]);
        }
        return ((List<Object[]>) query.getResultList()).stream().map(LegalHoldView::of).toList();
    }
}
