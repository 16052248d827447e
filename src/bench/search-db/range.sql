-- The service's queries (one-to-one, then groups) for one hour of MsgTime somewhere in the seeded days; -D span_from,
-- span_to give them (epoch seconds).
\set since random(:span_from, :span_to - 3600)
SELECT * FROM message m WHERE m.sdk_app_id = 1400000000
    AND m.msg_time >= to_timestamp(:since) AND m.msg_time < to_timestamp(:since + 3600)
    AND m.delivered AND m.recalled_at IS NULL ORDER BY msg_time DESC, id DESC LIMIT 101;
SELECT * FROM group_message g WHERE g.sdk_app_id = 1400000000
    AND g.msg_time >= to_timestamp(:since) AND g.msg_time < to_timestamp(:since + 3600)
    AND g.recalled_at IS NULL ORDER BY g.msg_time DESC, g.id DESC LIMIT 101;
