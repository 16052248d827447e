-- Legal holds, and recall evidence that outlives the message rows it was frozen from (a data subject's erasure
-- removes their message rows; recall_item already copies the identity it recalls).
--
-- On an existing database: dropping the foreign key rewrites nothing and takes a moment whatever the size; the new
-- index reads recall_job once (a few milliseconds per thousand jobs). Nothing else is touched.

-- A hold on one user's records: while one is active (released_at null), that user's records cannot be erased and
-- recall jobs that concern them are kept past their retention.
CREATE TABLE legal_hold (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    user_account text        NOT NULL,
    reason       text        NOT NULL,
    reference    text,
    created_by   text        NOT NULL,
    created_at   timestamptz NOT NULL,
    released_by  text,
    released_at  timestamptz,
    CHECK ((released_by IS NULL) = (released_at IS NULL))
);

CREATE INDEX legal_hold_active ON legal_hold (user_account) WHERE released_at IS NULL;
CREATE INDEX legal_hold_newest_first ON legal_hold (created_at DESC, id DESC);

-- Items keep message_id as the id the message had when the job froze it; the row may be erased since.
ALTER TABLE recall_item DROP CONSTRAINT IF EXISTS recall_item_message_id_fkey;

-- Retention finds finished jobs by the time they finished.
CREATE INDEX recall_job_finished ON recall_job ((coalesce(completed_at, cancelled_at)))
    WHERE state IN ('COMPLETED', 'CANCELLED');
