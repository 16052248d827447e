-- message and group_message become tables partitioned by day of msg_time, so that retention drops whole days instead
-- of deleting rows, and a time-bounded search reads only the days it covers. Daily, not weekly: at 10^8 messages a
-- day a partition holds about 56 GB (a weekly one about 400 GB), retention keeps at most a day more than it is asked
-- to, and a day is what retention and the search's time bounds are usually given in.
--
-- Days are UTC days: message_p20261202 holds [2026-12-02 00:00Z, 2026-12-03 00:00Z). A DEFAULT partition per table
-- takes any msg_time no day partition covers, so a callback is never refused for its time; the service moves such rows
-- into their day when it creates that day (partition.PartitionMaintenance). Rows, ids and the next id are kept.
--
-- A unique constraint on a partitioned table must hold the partition key, so the identities gain msg_time; the write
-- path (ingest.MessageUpsert, GroupMessageUpsert) keeps one row per message under that key (see there).
--
-- On an existing database this copies both tables and rebuilds their indexes, with both tables locked against writes
-- meanwhile (instances still running spool their callbacks until it is done): 21.7 s per million rows on
-- the 2-core development machine (src/bench/partition-migration.sh). Rows older than 31 days go to the default
-- partition, and retention.messages (P30D by default) then removes them at its first run, in chunks.

CREATE SEQUENCE message_ids;
SELECT setval('message_ids', last_value, is_called) FROM message_id_seq;

ALTER TABLE message RENAME TO message_v1;
ALTER TABLE group_message RENAME TO group_message_v10;
-- Their names are needed again on the new tables.
ALTER TABLE message_v1 DROP CONSTRAINT message_identity;
ALTER TABLE message_v1 DROP CONSTRAINT message_pkey;
DROP INDEX message_by_sender, message_by_recipient, message_by_conversation, message_by_time;
ALTER TABLE group_message_v10 DROP CONSTRAINT group_message_identity;
ALTER TABLE group_message_v10 DROP CONSTRAINT group_message_pkey;
DROP INDEX group_message_by_sender, group_message_by_group, group_message_by_group_sender, group_message_by_time;

-- The columns of V1, V7 and V10, in their order. Ids come from one sequence for both tables, as before (V10).
CREATE TABLE message (
    id                 bigint      NOT NULL DEFAULT nextval('message_ids'),
    sdk_app_id         bigint      NOT NULL,
    from_account       text        NOT NULL,
    to_account         text        NOT NULL,
    msg_key            text        NOT NULL,
    msg_seq            bigint,
    msg_random         bigint,
    msg_time           timestamptz NOT NULL,
    online_only        boolean,
    client_ip          text,
    platform           text,
    first_seen_at      timestamptz NOT NULL,
    seen_before        boolean     NOT NULL DEFAULT false,
    seen_after         boolean     NOT NULL DEFAULT false,
    send_result        integer,
    delivered          boolean GENERATED ALWAYS AS (coalesce(send_result, 0) = 0) STORED,
    recalled_at        timestamptz,
    recall_source      text CHECK (recall_source IN ('tencent', 'job')),
    recall_job_id      bigint,
    recall_reported_at timestamptz,
    source             text        NOT NULL DEFAULT 'callback' CHECK (source IN ('callback', 'import', 'tencent_sync')),
    msg_time_estimated boolean     NOT NULL DEFAULT false
) PARTITION BY RANGE (msg_time);

CREATE TABLE group_message (
    id                 bigint      NOT NULL DEFAULT nextval('message_ids'),
    sdk_app_id         bigint      NOT NULL,
    group_id           text        NOT NULL,
    topic_id           text        NOT NULL DEFAULT '',
    msg_seq            bigint      NOT NULL CHECK (msg_seq > 0),
    from_account       text,
    operator_account   text,
    msg_random         bigint,
    msg_time           timestamptz NOT NULL,
    msg_time_estimated boolean     NOT NULL DEFAULT false,
    online_only        boolean,
    group_type         text,
    client_ip          text,
    platform           text,
    first_seen_at      timestamptz NOT NULL,
    recalled_at        timestamptz,
    recall_source      text CHECK (recall_source IN ('tencent', 'job')),
    recall_job_id      bigint,
    recalled_by        text,
    recall_reported_at timestamptz,
    source             text        NOT NULL DEFAULT 'callback' CHECK (source IN ('callback', 'import', 'tencent_sync'))
) PARTITION BY RANGE (msg_time);

CREATE TABLE message_default PARTITION OF message DEFAULT;
CREATE TABLE group_message_default PARTITION OF group_message DEFAULT;

-- One partition per day from the oldest row's day (at most 31 days back: retention.messages is P30D by default) to a
-- week ahead; the service keeps creating days ahead from then on. Older rows go to the default partition. Not more
-- days: a statement that reads every day locks each partition and each of its indexes (7 relations per day and table),
-- and a year of days would overflow PostgreSQL's shared lock table under a few concurrent searches (see README,
-- max_locks_per_transaction).
DO $$
DECLARE
    first_day date;
    last_day  date := (now() AT TIME ZONE 'UTC')::date + 7;
    day       date;
    t         text;
BEGIN
    SELECT least((SELECT min(msg_time) FROM message_v1), (SELECT min(msg_time) FROM group_message_v10))
               AT TIME ZONE 'UTC' INTO first_day;
    first_day := greatest(coalesce(first_day, last_day - 7), last_day - 7 - 31);
    FOREACH t IN ARRAY ARRAY['message', 'group_message'] LOOP
        day := first_day;
        WHILE day <= last_day LOOP
            EXECUTE format('CREATE TABLE %I PARTITION OF %I FOR VALUES FROM (%L) TO (%L)',
                           t || '_p' || to_char(day, 'YYYYMMDD'), t, day::text || ' 00:00Z',
                           (day + 1)::text || ' 00:00Z');
            day := day + 1;
        END LOOP;
    END LOOP;
END
$$;

INSERT INTO message (id, sdk_app_id, from_account, to_account, msg_key, msg_seq, msg_random, msg_time, online_only,
    client_ip, platform, first_seen_at, seen_before, seen_after, send_result, recalled_at, recall_source,
    recall_job_id, recall_reported_at, source, msg_time_estimated)
SELECT id, sdk_app_id, from_account, to_account, msg_key, msg_seq, msg_random, msg_time, online_only, client_ip,
    platform, first_seen_at, seen_before, seen_after, send_result, recalled_at, recall_source, recall_job_id,
    recall_reported_at, source, msg_time_estimated
FROM message_v1;

INSERT INTO group_message (id, sdk_app_id, group_id, topic_id, msg_seq, from_account, operator_account, msg_random,
    msg_time, msg_time_estimated, online_only, group_type, client_ip, platform, first_seen_at, recalled_at,
    recall_source, recall_job_id, recalled_by, recall_reported_at, source)
SELECT id, sdk_app_id, group_id, topic_id, msg_seq, from_account, operator_account, msg_random, msg_time,
    msg_time_estimated, online_only, group_type, client_ip, platform, first_seen_at, recalled_at, recall_source,
    recall_job_id, recalled_by, recall_reported_at, source
FROM group_message_v10;

-- Built after the copy, once per partition. Ids stay unique because only the sequence issues them; the key holds
-- msg_time because a partitioned table's keys must.
ALTER TABLE message ADD CONSTRAINT message_pkey PRIMARY KEY (id, msg_time);
ALTER TABLE message ADD CONSTRAINT message_identity UNIQUE (sdk_app_id, from_account, to_account, msg_key, msg_time);
CREATE INDEX message_by_sender ON message (sdk_app_id, from_account, msg_time DESC, id DESC)
    INCLUDE (delivered, recalled_at);
CREATE INDEX message_by_recipient ON message (sdk_app_id, to_account, msg_time DESC, id DESC)
    INCLUDE (delivered, recalled_at);
CREATE INDEX message_by_conversation ON message (sdk_app_id, from_account, to_account, msg_time DESC, id DESC)
    INCLUDE (delivered, recalled_at);
CREATE INDEX message_by_time ON message (sdk_app_id, msg_time DESC, id DESC) INCLUDE (delivered, recalled_at);
-- Stand-ins (a message known from its recall echo or a batchsendmsg reply alone), which the write path looks up by
-- identity in every partition: about 1 % of rows.
CREATE INDEX message_stand_ins ON message (sdk_app_id, from_account, to_account, msg_key, msg_time)
    WHERE msg_time_estimated;

ALTER TABLE group_message ADD CONSTRAINT group_message_pkey PRIMARY KEY (id, msg_time);
ALTER TABLE group_message ADD CONSTRAINT group_message_identity
    UNIQUE (sdk_app_id, group_id, topic_id, msg_seq, msg_time);
CREATE INDEX group_message_by_sender ON group_message (sdk_app_id, from_account, msg_time DESC, id DESC)
    INCLUDE (recalled_at);
CREATE INDEX group_message_by_group ON group_message (sdk_app_id, group_id, msg_time DESC, id DESC)
    INCLUDE (recalled_at);
CREATE INDEX group_message_by_group_sender ON group_message (sdk_app_id, group_id, from_account, msg_time DESC, id DESC)
    INCLUDE (recalled_at);
CREATE INDEX group_message_by_time ON group_message (sdk_app_id, msg_time DESC, id DESC) INCLUDE (recalled_at);
CREATE INDEX group_message_stand_ins ON group_message (sdk_app_id, group_id, topic_id, msg_seq, msg_time)
    WHERE msg_time_estimated;

-- group_message_v10's default names message_id_seq, which message_v1's identity column owns: drop it first.
DROP TABLE group_message_v10;
DROP TABLE message_v1;
ALTER SEQUENCE message_ids RENAME TO message_id_seq;

ANALYZE message;
ANALYZE group_message;
