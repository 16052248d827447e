-- The service's queries (one-to-one, then groups) for the page 50 deep into heavy-3's history; -D after_time,
-- after_id give the cursor.
SELECT * FROM message m WHERE m.sdk_app_id = 1400000000 AND m.from_account = 'heavy-3'
    AND m.delivered AND m.recalled_at IS NULL AND (m.msg_time, m.id) < (to_timestamp(:after_time), :after_id)
    ORDER BY msg_time DESC, id DESC LIMIT 101;
SELECT * FROM group_message g WHERE g.sdk_app_id = 1400000000 AND g.from_account = 'heavy-3'
    AND g.recalled_at IS NULL AND (g.msg_time, g.id) < (to_timestamp(:after_time), :after_id)
    ORDER BY g.msg_time DESC, g.id DESC LIMIT 101;
