package io.msgkey.recorder.audit;

import java.time.Instant;
import java.util.List;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.hibernate.annotations.Immutable;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** One audited act. Rows are only ever inserted; the table's triggers refuse the rest. */
@Entity
@Immutable
@Table(name = "audit_entry")
public class AuditEntry extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "occurred_at", nullable = false)
    public Instant occurredAt;

    @Column(nullable = false)
    public String actor;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public AuditAction action;

    @Column(name = "job_id")
    public Long jobId;

    @JdbcTypeCode(SqlTypes.JSON)
    public JsonNode filter;

    @Column(name = "result_count")
    public Long resultCount;

    public String reason;

    public String detail;

    /** Newest first, before the keyset position when one is given. */
    public static List<AuditEntry> page(AuditQuery query, int limit) {
        return find(query.where(), query.sort(), query.parameters()).page(0, limit).list();
    }
}
