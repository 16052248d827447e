-- 10 million group messages over the same 30 days as the one-to-one seed (:rows overrides the count), with the same
-- skew: the 20 heavy senders post a fifth of them, spread over 2,000 groups; the rest comes from 500,000 ordinary
-- users in 100,000 groups; about 1 % recalled. Each row lands in its day's partition, created here as the service
-- names them (group_message_p20261102), and indexes are built after the load, from the definitions the migrations
-- created on the parent (see search-seed.sql).
\if :{?rows}
\else
\set rows 10000000
\endif
SET maintenance_work_mem = '512MB';
\set parent group_message
\ir search-seed-days.sql

CREATE TEMPORARY TABLE group_search_indexes AS
    SELECT indexname, indexdef FROM pg_indexes
    WHERE tablename = 'group_message' AND indexname LIKE 'group_message_by_%';
ALTER TABLE group_message DROP CONSTRAINT group_message_identity;
DO $$
DECLARE definition record;
BEGIN
    FOR definition IN SELECT indexname FROM group_search_indexes LOOP
        EXECUTE 'DROP INDEX ' || quote_ident(definition.indexname);
    END LOOP;
END $$;

-- 30 days of 86,400 s spread evenly over the rows, a tenth of a second after the one-to-one ones.
INSERT INTO group_message (sdk_app_id, group_id, msg_seq, from_account, operator_account, msg_random, msg_time,
    online_only, group_type, client_ip, platform, first_seen_at, recalled_at, recall_source)
SELECT 1400000000,
       CASE WHEN i % 5 = 0 THEN 'group-' || ((i / 5) % 2000) ELSE 'group-' || ((i * 7919) % 100000) END,
       i,
       CASE WHEN i % 5 = 0 THEN 'heavy-' || ((i / 5) % 20) ELSE 'user-' || ((i * 104729) % 500000) END,
       'admin', (i * 2654435761) % 4294967296, t,
       false, 'Public', '203.0.113.' || (i % 250), 'Android', now(),
       -- about 1 % recalled, as moderation leaves them
       CASE WHEN i % 97 = 0 THEN t + interval '1 minute' END,
       CASE WHEN i % 97 = 0 THEN 'tencent' END
FROM generate_series(1::bigint, :rows::bigint) AS i,
     LATERAL (SELECT date_trunc('day', now() AT TIME ZONE 'UTC') AT TIME ZONE 'UTC' - interval '30 days'
                     + interval '0.1 seconds' + (i - 1) * interval '1 second' * (2592000.0 / :rows) AS t) AS time;

ALTER TABLE group_message ADD CONSTRAINT group_message_identity UNIQUE (sdk_app_id, group_id, topic_id, msg_seq, msg_time);
DO $$
DECLARE definition record;
BEGIN
    -- pg_indexes gives a partitioned index as CREATE INDEX ... ON ONLY parent, which would build it on the parent
    -- alone (invalid, no partition's index): without ONLY it is built on every partition.
    FOR definition IN SELECT indexdef FROM group_search_indexes LOOP
        EXECUTE replace(definition.indexdef, ' ON ONLY ', ' ON ');
    END LOOP;
END $$;
VACUUM ANALYZE group_message;
