-- Who looked at or recalled what, and when. Append-only: the database itself refuses to change or remove a row, so
-- the trail cannot be quietly edited through the application (the owner of the table could still drop the trigger;
-- the README says how to run the service without owning it).
CREATE TABLE audit_entry (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    occurred_at  timestamptz NOT NULL,
    actor        text        NOT NULL,
    action       text        NOT NULL,
    job_id       bigint,
    filter       jsonb,
    result_count bigint,
    reason       text,
    detail       text
);

CREATE INDEX audit_entry_by_time ON audit_entry (occurred_at DESC, id DESC);
CREATE INDEX audit_entry_by_actor ON audit_entry (actor, occurred_at DESC, id DESC);

CREATE FUNCTION audit_entry_is_append_only() RETURNS trigger
    LANGUAGE plpgsql AS
$$
BEGIN
    RAISE EXCEPTION 'audit_entry is append-only: % refused', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END
$$;

CREATE TRIGGER audit_entry_no_update_or_delete
    BEFORE UPDATE OR DELETE ON audit_entry
    FOR EACH ROW EXECUTE FUNCTION audit_entry_is_append_only();

CREATE TRIGGER audit_entry_no_truncate
    BEFORE TRUNCATE ON audit_entry
    FOR EACH STATEMENT EXECUTE FUNCTION audit_entry_is_append_only();
