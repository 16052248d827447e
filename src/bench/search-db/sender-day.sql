-- The service's queries (one-to-one, then groups) for a heavy sender's messages over 24 hours somewhere in the seeded
-- days (-D span_from, span_to in epoch seconds): two day partitions of each table.
\set h random(0, 19)
\set since random(:span_from, :span_to - 86400)
SELECT * FROM message m WHERE m.sdk_app_id = 1400000000 AND m.from_account = 'heavy-' || :h
    AND m.msg_time >= to_timestamp(:since) AND m.msg_time < to_timestamp(:since + 86400)
    AND m.delivered AND m.recalled_at IS NULL ORDER BY msg_time DESC, id DESC LIMIT 101;
SELECT * FROM group_message g WHERE g.sdk_app_id = 1400000000 AND g.from_account = 'heavy-' || :h
    AND g.msg_time >= to_timestamp(:since) AND g.msg_time < to_timestamp(:since + 86400)
    AND g.recalled_at IS NULL ORDER BY g.msg_time DESC, g.id DESC LIMIT 101;
