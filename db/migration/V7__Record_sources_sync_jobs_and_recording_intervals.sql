-- Where each message row came from, sync jobs that fetch Tencent's roaming history, and the intervals in which each
-- instance was accepting callbacks (the record's blind spots are what they do not cover).
--
-- On an existing message table: the two new columns have constant defaults, so adding them rewrites nothing; the
-- CHECK reads the table once (0.2 s per million rows on the 2-core development machine) and the UPDATE reads it once
-- and touches only the rows known from a recall echo alone (2.0 s per million rows with 1 % of them such rows). The
-- table is locked against writes meanwhile: instances still running spool their callbacks until it is done.

-- How the record first learnt of the message: 'callback' (Tencent's callbacks), 'import' (a sendmsg/batchsendmsg
-- exchange the app's server forwarded), 'tencent_sync' (admin_getroammsg, by a sync job). The source of the
-- earliest record wins, whatever order the records are written in.
ALTER TABLE message ADD COLUMN source text NOT NULL DEFAULT 'callback'
    CHECK (source IN ('callback', 'import', 'tencent_sync'));

-- True while msg_time is a stand-in rather than Tencent's MsgTime: the time of the recall for a message known only
-- from its recall echo, the time of the import for a batchsendmsg reply (which carries no MsgTime). Any record that
-- brings the real MsgTime replaces it.
ALTER TABLE message ADD COLUMN msg_time_estimated boolean NOT NULL DEFAULT false;
UPDATE message SET msg_time_estimated = true WHERE NOT (seen_before OR seen_after);

-- A sync job: one user's one-to-one history between since and until, conversation by conversation.
CREATE TABLE sync_job (
    id                   bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    state                text        NOT NULL
        CHECK (state IN ('RUNNING', 'PAUSED', 'COMPLETED', 'CANCELLED', 'FAILED')),
    user_account         text        NOT NULL,
    -- The peers the request named; null when the job finds them (the record's peers and Tencent's list).
    peers                jsonb,
    since                timestamptz NOT NULL,
    until                timestamptz NOT NULL,
    created_by           text        NOT NULL,
    created_at           timestamptz NOT NULL,
    -- Tencent's conversation list (v4/recentcontact/get_list) is still to be read; its cursor for the next page.
    list_pending         boolean     NOT NULL,
    list_time_stamp      bigint      NOT NULL DEFAULT 0,
    list_start_index     bigint      NOT NULL DEFAULT 0,
    list_top_time_stamp  bigint      NOT NULL DEFAULT 0,
    list_top_start_index bigint      NOT NULL DEFAULT 0,
    list_pages           integer     NOT NULL DEFAULT 0,
    list_attempts        integer     NOT NULL DEFAULT 0,
    -- Why the list could not be read to its end; the job then ends FAILED.
    list_error           text,
    -- The instance reading the list, until when (the database clock).
    lease_owner          text,
    lease_until          timestamptz,
    paused_at            timestamptz,
    -- Why the job is paused, or why it failed.
    error                text,
    cancelled_by         text,
    cancelled_at         timestamptz,
    finished_at          timestamptz
);

CREATE INDEX sync_job_active ON sync_job (id) WHERE state IN ('RUNNING', 'PAUSED');
CREATE INDEX sync_job_newest_first ON sync_job (created_at DESC, id DESC);

-- One conversation of a sync job, with the admin_getroammsg cursor of its next page: a restart resumes mid-way.
CREATE TABLE sync_conversation (
    id                  bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    job_id              bigint  NOT NULL REFERENCES sync_job (id),
    peer                text    NOT NULL,
    -- 'request': named in the request; 'record': a peer the record knew; 'tencent': only on Tencent's list.
    found_by            text    NOT NULL CHECK (found_by IN ('request', 'record', 'tencent')),
    state               text    NOT NULL DEFAULT 'PENDING' CHECK (state IN ('PENDING', 'DONE', 'FAILED', 'SKIPPED')),
    -- MaxTime and LastMsgKey of the next page; null before the first page.
    next_max_time       bigint,
    next_last_msg_key   text,
    pages               integer NOT NULL DEFAULT 0,
    seen                bigint  NOT NULL DEFAULT 0,
    added               bigint  NOT NULL DEFAULT 0,
    already_known       bigint  NOT NULL DEFAULT 0,
    recalled_at_tencent bigint  NOT NULL DEFAULT 0,
    -- Fetches that failed transiently after the client's own retries; the conversation fails after a few.
    attempts            integer NOT NULL DEFAULT 0,
    last_error          text,
    -- The instance fetching it, until when; a released conversation waiting for a retry has only lease_until.
    lease_owner         text,
    lease_until         timestamptz,
    finished_at         timestamptz,
    CONSTRAINT sync_conversation_once_per_job UNIQUE (job_id, peer)
);

CREATE INDEX sync_conversation_pending ON sync_conversation (job_id, id) WHERE state = 'PENDING';
CREATE INDEX sync_conversation_by_lease_owner ON sync_conversation (lease_owner) WHERE lease_owner IS NOT NULL;

-- An interval in which one instance was accepting callbacks (it could store or spool them), by that instance's
-- clock. Beats extend last_beat; beats made while the database was away are written when it is back, so time spent
-- spooling is covered. The record's gaps are the times no interval covers.
CREATE TABLE recording_interval (
    instance   text        NOT NULL,
    started_at timestamptz NOT NULL,
    last_beat  timestamptz NOT NULL,
    PRIMARY KEY (instance, started_at),
    CHECK (last_beat >= started_at)
);

CREATE INDEX recording_interval_by_end ON recording_interval (last_beat);
