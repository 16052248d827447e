-- A recall job and the messages it froze at creation. Items copy the message identity they were created with, so
-- the job remains evidence of exactly what was selected whatever happens to the message rows afterwards.
CREATE TABLE recall_job (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    state         text        NOT NULL
        CHECK (state IN ('AWAITING_CONFIRMATION', 'RUNNING', 'PAUSED', 'COMPLETED', 'CANCELLED')),
    filter        jsonb       NOT NULL,
    reason        text        NOT NULL
        CHECK (reason IN ('spam', 'harassment', 'illegal_content', 'user_request', 'legal_order', 'other')),
    note          text,
    reference     text,
    total         integer     NOT NULL,
    created_by    text        NOT NULL,
    created_at    timestamptz NOT NULL,
    confirmed_by  text,
    confirmed_at  timestamptz,
    cancelled_by  text,
    cancelled_at  timestamptz,
    paused_at     timestamptz,
    pause_reason  text,
    completed_at  timestamptz
);

CREATE INDEX recall_job_by_state ON recall_job (state) WHERE state IN ('RUNNING', 'PAUSED');

CREATE TABLE recall_item (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    job_id          bigint      NOT NULL REFERENCES recall_job (id),
    message_id      bigint      NOT NULL REFERENCES message (id),
    from_account    text        NOT NULL,
    to_account      text        NOT NULL,
    msg_key         text        NOT NULL,
    msg_time        timestamptz NOT NULL,
    outcome         text        NOT NULL DEFAULT 'PENDING'
        CHECK (outcome IN ('PENDING', 'RECALLED', 'ALREADY_RECALLED', 'NOT_FOUND', 'INVALID', 'FAILED', 'SKIPPED')),
    attempts        integer     NOT NULL DEFAULT 0,
    last_error_code integer,
    last_error_info text,
    last_attempt_at timestamptz,
    -- Set in its own transaction just before the call to Tencent: an item found in flight after a crash may or may
    -- not have been recalled, and is sent again (Tencent answers 20023 if the first call went through).
    in_flight_since timestamptz,
    -- The instance working on the item, until when; an expired lease lets another instance take it over.
    lease_owner     text,
    lease_until     timestamptz,
    finished_at     timestamptz,
    -- When Tencent's C2C.CallbackAfterMsgWithDraw echo for this message arrived.
    confirmed_at    timestamptz,
    CONSTRAINT recall_item_once_per_job UNIQUE (job_id, message_id)
);

CREATE INDEX recall_item_pending ON recall_item (job_id, id) WHERE outcome = 'PENDING';
CREATE INDEX recall_item_by_outcome ON recall_item (job_id, outcome, id);
CREATE INDEX recall_item_by_message ON recall_item (message_id);
CREATE INDEX recall_item_recently_finished ON recall_item (job_id, finished_at) WHERE finished_at IS NOT NULL;
CREATE INDEX recall_item_by_lease_owner ON recall_item (lease_owner) WHERE lease_owner IS NOT NULL;
