-- Recall jobs recall group messages too: a group item is a recall_item of kind 'group', named by its group, topic
-- and MsgSeq (what group_msg_recall takes) where a one-to-one item is named by its accounts and MsgKey. Both kinds
-- share everything else (leases, in-flight mark, outcome, counts). message_id is the group_message id for a group
-- item: group_message takes its ids from message's sequence, so (job_id, message_id) stays unique across both.
--
-- On an existing table: the new columns have constant defaults or none, and dropping NOT NULL rewrites nothing; the
-- CHECK constraint reads recall_item once, and the pending index is rebuilt from the pending items only.

ALTER TABLE recall_item ADD COLUMN chat text NOT NULL DEFAULT 'c2c' CHECK (chat IN ('c2c', 'group'));
ALTER TABLE recall_item ADD COLUMN group_id text;
-- '' outside community topics, as in group_message.
ALTER TABLE recall_item ADD COLUMN topic_id text;
ALTER TABLE recall_item ADD COLUMN msg_seq  bigint;
-- A group message known only from its recall echo names no sender; group messages have no recipient nor MsgKey.
ALTER TABLE recall_item ALTER COLUMN from_account DROP NOT NULL;
ALTER TABLE recall_item ALTER COLUMN to_account DROP NOT NULL;
ALTER TABLE recall_item ALTER COLUMN msg_key DROP NOT NULL;
ALTER TABLE recall_item ADD CONSTRAINT recall_item_kind_identity CHECK (
    (chat = 'c2c' AND from_account IS NOT NULL AND to_account IS NOT NULL AND msg_key IS NOT NULL
        AND group_id IS NULL AND msg_seq IS NULL)
    OR (chat = 'group' AND group_id IS NOT NULL AND topic_id IS NOT NULL AND msg_seq IS NOT NULL
        AND to_account IS NULL AND msg_key IS NULL));

-- Each kind is claimed on its own (each has its own rate limit), group items ordered by group and topic so that
-- consecutive ones pack ten to a call.
DROP INDEX IF EXISTS recall_item_pending;
CREATE INDEX recall_item_pending ON recall_item (job_id, chat, group_id, topic_id, id) WHERE outcome = 'PENDING';

-- How many of a job's frozen messages are group messages: the estimate runs each kind at its own rate.
ALTER TABLE recall_job ADD COLUMN group_total bigint NOT NULL DEFAULT 0;
