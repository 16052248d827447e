-- 10 million one-to-one messages over the 30 UTC days ending yesterday (inside the default retention, P30D), with
-- realistic skew: 20 heavy senders (100,000 messages each, spread over 2,000 peers) account for a fifth of the traffic;
-- the rest comes from 500,000 ordinary users; about 1 % recalled, 0.5 % undelivered. Every row lands in its day's
-- partition, created here as the service names them (partition.DayPartition: message_p20261102 holds
-- [2026-11-02T00:00:00Z, 2026-11-03T00:00:00Z)); no service runs meanwhile, so plain PARTITION OF is enough. Indexes
-- are built after the load, as a restore would, from the definitions the migrations created on the parent (dropping
-- a partitioned index drops it on every partition; creating it on the parent builds it on each).
SET maintenance_work_mem = '512MB';
\set parent message
\ir search-seed-days.sql

CREATE TEMPORARY TABLE search_indexes AS
    SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'message' AND indexname LIKE 'message_by_%';
ALTER TABLE message DROP CONSTRAINT message_identity;
DO $$
DECLARE definition record;
BEGIN
    FOR definition IN SELECT indexname FROM search_indexes LOOP
        EXECUTE 'DROP INDEX ' || quote_ident(definition.indexname);
    END LOOP;
END $$;

-- One message every 0.2592 s: 30 days of 86,400 s over 10,000,000 rows.
INSERT INTO message (sdk_app_id, from_account, to_account, msg_key, msg_seq, msg_random, msg_time, online_only,
    client_ip, platform, first_seen_at, seen_before, seen_after, send_result, recalled_at, recall_source)
SELECT 1400000000,
       CASE WHEN i % 5 = 0 THEN 'heavy-' || ((i / 5) % 20) ELSE 'user-' || ((i * 104729) % 500000) END,
       CASE WHEN i % 5 = 0 THEN 'user-' || ((i / 100) % 2000) ELSE 'user-' || ((i * 7919) % 500000) END,
       (i % 65536) || '_' || ((i * 2654435761) % 4294967296) || '_' || floor(extract(epoch FROM t))::bigint,
       i % 65536, (i * 2654435761) % 4294967296, t,
       false, '203.0.113.' || (i % 250), 'Android', now(), true, true,
       CASE WHEN i % 200 = 0 THEN 80001 ELSE 0 END,
       -- about 1 % recalled, as moderation leaves them
       CASE WHEN i % 97 = 0 THEN t + interval '1 minute' END,
       CASE WHEN i % 97 = 0 THEN 'tencent' END
FROM generate_series(1::bigint, 10000000::bigint) AS i,
     LATERAL (SELECT date_trunc('day', now() AT TIME ZONE 'UTC') AT TIME ZONE 'UTC' - interval '30 days'
                     + (i - 1) * interval '0.2592 seconds' AS t) AS time;

ALTER TABLE message ADD CONSTRAINT message_identity UNIQUE (sdk_app_id, from_account, to_account, msg_key, msg_time);
DO $$
DECLARE definition record;
BEGIN
    -- pg_indexes gives a partitioned index as CREATE INDEX ... ON ONLY parent, which would build it on the parent
    -- alone (invalid, no partition's index): without ONLY it is built on every partition.
    FOR definition IN SELECT indexdef FROM search_indexes LOOP
        EXECUTE replace(definition.indexdef, ' ON ONLY ', ' ON ');
    END LOOP;
END $$;
VACUUM ANALYZE message;
