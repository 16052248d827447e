-- The service's query for the page 50 deep into heavy-3's history; -D after_time, after_id give the cursor.
SELECT * FROM message m WHERE m.sdk_app_id = 1400000000 AND m.from_account = 'heavy-3'
    AND m.delivered AND m.recalled_at IS NULL AND (m.msg_time, m.id) < (to_timestamp(:after_time), :after_id)
    ORDER BY msg_time DESC, id DESC LIMIT 101;
