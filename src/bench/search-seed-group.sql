-- 10 million group messages over the same year as the one-to-one seed (:rows overrides the count), with the same
-- skew: the 20 heavy senders post a fifth of them, spread over 2,000 groups; the rest comes from 500,000 ordinary
-- users in 100,000 groups. Indexes are built after the load, from the definitions the migrations created.
\if :{?rows}
\else
\set rows 10000000
\endif
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

INSERT INTO group_message (sdk_app_id, group_id, msg_seq, from_account, operator_account, msg_random, msg_time,
    online_only, group_type, client_ip, platform, first_seen_at)
SELECT 1400000000,
       CASE WHEN i % 5 = 0 THEN 'group-' || ((i / 5) % 2000) ELSE 'group-' || ((i * 7919) % 100000) END,
       i,
       CASE WHEN i % 5 = 0 THEN 'heavy-' || ((i / 5) % 20) ELSE 'user-' || ((i * 104729) % 500000) END,
       'admin', (i * 2654435761) % 4294967296,
       timestamptz '2024-01-01 00:00:01+00' + i * interval '3 seconds' * (10000000.0 / :rows),
       false, 'Public', '203.0.113.' || (i % 250), 'Android', now()
FROM generate_series(1::bigint, :rows::bigint) AS i;

-- about 1 % recalled, as moderation leaves them
UPDATE group_message SET recalled_at = msg_time + interval '1 minute', recall_source = 'tencent' WHERE id % 97 = 0;

ALTER TABLE group_message ADD CONSTRAINT group_message_identity UNIQUE (sdk_app_id, group_id, topic_id, msg_seq, msg_time);
DO $$
DECLARE definition record;
BEGIN
    FOR definition IN SELECT indexdef FROM group_search_indexes LOOP
        EXECUTE definition.indexdef;
    END LOOP;
END $$;
VACUUM ANALYZE group_message;
