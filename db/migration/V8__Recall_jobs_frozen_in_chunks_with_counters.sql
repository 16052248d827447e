-- Recall jobs of any size: the selection is frozen in chunks by a background worker (state FREEZING, resumable from
-- the job row), counts per outcome are kept with the job instead of counted over its items on every view, and recall
-- items no longer reference message rows (no share locks on messages while freezing; items outlive their messages).
--
-- On existing tables: dropping the foreign key and adding columns with constant defaults rewrite nothing; the counts
-- and old-message figures of existing jobs are filled from their items in two passes over recall_item (1.4 s and
-- 1.0 s per million items on the 2-core development machine, under load). recall_job and recall_item are locked
-- meanwhile, so recall workers wait; callbacks are not held up (they touch neither, except to confirm echoes).

ALTER TABLE recall_item DROP CONSTRAINT IF EXISTS recall_item_message_id_fkey;

ALTER TABLE recall_job DROP CONSTRAINT IF EXISTS recall_job_state_check;
ALTER TABLE recall_job ADD CONSTRAINT recall_job_state_check
    CHECK (state IN ('FREEZING', 'AWAITING_CONFIRMATION', 'RUNNING', 'PAUSED', 'COMPLETED', 'CANCELLED'));

-- Counted once, as the selection is frozen: messages older than Tencent's roaming period (as configured then), and
-- messages that callbacks alone marked recalled or undelivered (still frozen and sent: a callback can be forged).
ALTER TABLE recall_job ADD COLUMN older_than_roaming      bigint NOT NULL DEFAULT 0;
ALTER TABLE recall_job ADD COLUMN recalled_by_callback    bigint NOT NULL DEFAULT 0;
ALTER TABLE recall_job ADD COLUMN undelivered_by_callback bigint NOT NULL DEFAULT 0;
-- Freezing: the highest message id at the request (later rows are not the request's), where the next chunk starts
-- (msg_time, id of the last message frozen; the walk is newest first), and the instance freezing it, until when.
ALTER TABLE recall_job ADD COLUMN freeze_bound       bigint;
ALTER TABLE recall_job ADD COLUMN freeze_after_time  timestamptz;
ALTER TABLE recall_job ADD COLUMN freeze_after_id    bigint;
ALTER TABLE recall_job ADD COLUMN freeze_owner       text;
ALTER TABLE recall_job ADD COLUMN freeze_lease_until timestamptz;
ALTER TABLE recall_job ADD COLUMN frozen_at          timestamptz;
UPDATE recall_job SET frozen_at = created_at;

CREATE INDEX recall_job_freezing ON recall_job (id) WHERE state = 'FREEZING';
-- Four-eyes over a rolling window: a moderator's recent jobs.
CREATE INDEX recall_job_by_creator ON recall_job (created_by, created_at);

-- A job's items per outcome, split over a few rows (slots) so that lanes settling items at Tencent's rate do not all
-- wait for one row lock; a job's figure is the sum of its slots. Only the sums mean anything: one slot may go below
-- zero when an item counted into one slot as pending is settled through another.
CREATE TABLE recall_job_count (
    job_id           bigint   NOT NULL REFERENCES recall_job (id),
    slot             smallint NOT NULL,
    pending          bigint   NOT NULL DEFAULT 0,
    recalled         bigint   NOT NULL DEFAULT 0,
    already_recalled bigint   NOT NULL DEFAULT 0,
    not_found        bigint   NOT NULL DEFAULT 0,
    invalid          bigint   NOT NULL DEFAULT 0,
    failed           bigint   NOT NULL DEFAULT 0,
    skipped          bigint   NOT NULL DEFAULT 0,
    PRIMARY KEY (job_id, slot)
);

INSERT INTO recall_job_count (job_id, slot)
SELECT j.id, s FROM recall_job j CROSS JOIN generate_series(0, 15) AS s;

UPDATE recall_job_count c SET pending = i.pending, recalled = i.recalled, already_recalled = i.already_recalled,
    not_found = i.not_found, invalid = i.invalid, failed = i.failed, skipped = i.skipped
FROM (SELECT job_id,
             count(*) FILTER (WHERE outcome = 'PENDING')          AS pending,
             count(*) FILTER (WHERE outcome = 'RECALLED')         AS recalled,
             count(*) FILTER (WHERE outcome = 'ALREADY_RECALLED') AS already_recalled,
             count(*) FILTER (WHERE outcome = 'NOT_FOUND')        AS not_found,
             count(*) FILTER (WHERE outcome = 'INVALID')          AS invalid,
             count(*) FILTER (WHERE outcome = 'FAILED')           AS failed,
             count(*) FILTER (WHERE outcome = 'SKIPPED')          AS skipped
      FROM recall_item GROUP BY job_id) i
WHERE c.job_id = i.job_id AND c.slot = 0;

-- Jobs frozen before this migration: their old messages as of their creation, with the default roaming period.
UPDATE recall_job j SET older_than_roaming = o.n
FROM (SELECT i.job_id, count(*) AS n FROM recall_item i JOIN recall_job r ON r.id = i.job_id
      WHERE i.msg_time < r.created_at - interval '7 days' GROUP BY i.job_id) o
WHERE j.id = o.job_id;
