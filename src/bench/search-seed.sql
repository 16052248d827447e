-- 10 million one-to-one messages over about a year, with realistic skew: 20 heavy senders (100,000 messages each,
-- spread over 2,000 peers) account for a fifth of the traffic; the rest comes from 500,000 ordinary users.
-- Indexes are built after the load, as a restore would, from the definitions the migrations created.
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

INSERT INTO message (sdk_app_id, from_account, to_account, msg_key, msg_seq, msg_random, msg_time, online_only,
    client_ip, platform, first_seen_at, seen_before, seen_after, send_result)
SELECT 1400000000,
       CASE WHEN i % 5 = 0 THEN 'heavy-' || ((i / 5) % 20) ELSE 'user-' || ((i * 104729) % 500000) END,
       CASE WHEN i % 5 = 0 THEN 'user-' || ((i / 100) % 2000) ELSE 'user-' || ((i * 7919) % 500000) END,
       (i % 65536) || '_' || ((i * 2654435761) % 4294967296) || '_' || (1704067200 + i * 3),
       i % 65536, (i * 2654435761) % 4294967296,
       timestamptz '2024-01-01 00:00:00+00' + i * interval '3 seconds',
       false, '203.0.113.' || (i % 250), 'Android', now(), true, true,
       CASE WHEN i % 200 = 0 THEN 80001 ELSE 0 END
FROM generate_series(1::bigint, 10000000::bigint) AS i;

-- about 1 % recalled, as moderation leaves them
UPDATE message SET recalled_at = msg_time + interval '1 minute', recall_source = 'tencent' WHERE id % 97 = 0;

ALTER TABLE message ADD CONSTRAINT message_identity UNIQUE (sdk_app_id, from_account, to_account, msg_key, msg_time);
DO $$
DECLARE definition record;
BEGIN
    FOR definition IN SELECT indexdef FROM search_indexes LOOP
        EXECUTE definition.indexdef;
    END LOOP;
END $$;
VACUUM ANALYZE message;
