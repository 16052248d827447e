-- The service's query for a conversation (both directions), as search.lua draws them.
\set h random(0, 19)
\set p random(0, 1999)
SELECT * FROM ((SELECT m.* FROM message m WHERE m.sdk_app_id = 1400000000
    AND m.from_account = 'heavy-' || :h AND m.to_account = 'user-' || :p AND m.delivered AND m.recalled_at IS NULL
    ORDER BY msg_time DESC, id DESC LIMIT 101) UNION ALL (SELECT m.* FROM message m WHERE m.sdk_app_id = 1400000000
    AND m.from_account = 'user-' || :p AND m.to_account = 'heavy-' || :h AND m.delivered AND m.recalled_at IS NULL
    ORDER BY msg_time DESC, id DESC LIMIT 101)) m ORDER BY msg_time DESC, id DESC LIMIT 101;
