-- The plans of the service's searches at 10 million messages of each chat, one filter combination each, as
-- MessageQuery and GroupMessageQuery write them (state active unless named), with the values inline. A search without
-- chat runs both tables' query and merges them in the service, so both are shown for it. Variables from search.sh:
-- day (a UTC day in the middle of the seeded 30), after_time and after_id (the cursor 5,000 messages into heavy-3's
-- history), group_after_time and group_after_id (the same in group-3's).
\set since '''' :day 'T12:00:00Z'''
\set until '''' :day 'T13:00:00Z'''
\set day_start '''' :day 'T00:00:00Z'''
\set two_days_later '''' :day 'T00:00:00Z''::timestamptz + interval ''2 days'''
\set across_midnight '''' :day 'T00:00:00Z''::timestamptz - interval ''2 hours'''
\set after_midnight '''' :day 'T02:00:00Z'''
\set one_to_one_active 'm.delivered AND m.recalled_at IS NULL'

\echo '== one-to-one: from (heavy sender)'
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) SELECT m.* FROM message m WHERE m.sdk_app_id = 1400000000
    AND m.from_account = 'heavy-3' AND :one_to_one_active ORDER BY msg_time DESC, id DESC LIMIT 101;
\echo '== one-to-one: from (ordinary sender)'
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) SELECT m.* FROM message m WHERE m.sdk_app_id = 1400000000
    AND m.from_account = 'user-104729' AND :one_to_one_active ORDER BY msg_time DESC, id DESC LIMIT 101;
\echo '== one-to-one: to'
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) SELECT m.* FROM message m WHERE m.sdk_app_id = 1400000000
    AND m.to_account = 'user-21' AND :one_to_one_active ORDER BY msg_time DESC, id DESC LIMIT 101;
\echo '== one-to-one: from and to (also user and to: user=heavy-3, to=user-21)'
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) SELECT m.* FROM message m WHERE m.sdk_app_id = 1400000000
    AND m.from_account = 'heavy-3' AND m.to_account = 'user-21' AND :one_to_one_active
    ORDER BY msg_time DESC, id DESC LIMIT 101;
\echo '== one-to-one: user and from (user=user-21, from=heavy-3: received from heavy-3)'
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) SELECT m.* FROM message m WHERE m.sdk_app_id = 1400000000
    AND m.to_account = 'user-21' AND m.from_account = 'heavy-3' AND m.from_account <> 'user-21'
    AND :one_to_one_active ORDER BY msg_time DESC, id DESC LIMIT 101;
\echo '== one-to-one: user (sent, or received from someone else)'
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) SELECT * FROM ((SELECT m.* FROM message m WHERE m.sdk_app_id = 1400000000
    AND m.from_account = 'heavy-3' AND :one_to_one_active ORDER BY msg_time DESC, id DESC LIMIT 101) UNION ALL
    (SELECT m.* FROM message m WHERE m.sdk_app_id = 1400000000 AND m.to_account = 'heavy-3'
    AND m.from_account <> 'heavy-3' AND :one_to_one_active ORDER BY msg_time DESC, id DESC LIMIT 101)) m
    ORDER BY msg_time DESC, id DESC LIMIT 101;
\echo '== one-to-one: user and peer (a conversation, both directions)'
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) SELECT * FROM ((SELECT m.* FROM message m WHERE m.sdk_app_id = 1400000000
    AND m.from_account = 'heavy-3' AND m.to_account = 'user-21' AND :one_to_one_active
    ORDER BY msg_time DESC, id DESC LIMIT 101) UNION ALL (SELECT m.* FROM message m WHERE m.sdk_app_id = 1400000000
    AND m.from_account = 'user-21' AND m.to_account = 'heavy-3' AND :one_to_one_active
    ORDER BY msg_time DESC, id DESC LIMIT 101)) m ORDER BY msg_time DESC, id DESC LIMIT 101;
\echo '== one-to-one: since (no until): the days from since on'
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) SELECT m.* FROM message m WHERE m.sdk_app_id = 1400000000
    AND m.msg_time >= :since AND :one_to_one_active ORDER BY msg_time DESC, id DESC LIMIT 101;
\echo '== one-to-one: until (no since): the days before until, and the default partition'
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) SELECT m.* FROM message m WHERE m.sdk_app_id = 1400000000
    AND m.msg_time < :until AND :one_to_one_active ORDER BY msg_time DESC, id DESC LIMIT 101;
\echo '== one-to-one: since and until, one hour: one day'
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) SELECT m.* FROM message m WHERE m.sdk_app_id = 1400000000
    AND m.msg_time >= :since AND m.msg_time < :until AND :one_to_one_active
    ORDER BY msg_time DESC, id DESC LIMIT 101;
\echo '== one-to-one: since and until across midnight (22:00 to 02:00): two days'
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) SELECT m.* FROM message m WHERE m.sdk_app_id = 1400000000
    AND m.msg_time >= :across_midnight AND m.msg_time < :after_midnight AND :one_to_one_active
    ORDER BY msg_time DESC, id DESC LIMIT 101;
\echo '== one-to-one: from, since and until (two days)'
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) SELECT m.* FROM message m WHERE m.sdk_app_id = 1400000000
    AND m.from_account = 'heavy-3' AND m.msg_time >= :day_start AND m.msg_time < :two_days_later
    AND :one_to_one_active ORDER BY msg_time DESC, id DESC LIMIT 101;
\echo '== one-to-one: user and since'
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) SELECT * FROM ((SELECT m.* FROM message m WHERE m.sdk_app_id = 1400000000
    AND m.from_account = 'heavy-3' AND m.msg_time >= :since AND :one_to_one_active
    ORDER BY msg_time DESC, id DESC LIMIT 101) UNION ALL (SELECT m.* FROM message m WHERE m.sdk_app_id = 1400000000
    AND m.to_account = 'heavy-3' AND m.from_account <> 'heavy-3' AND m.msg_time >= :since AND :one_to_one_active
    ORDER BY msg_time DESC, id DESC LIMIT 101)) m ORDER BY msg_time DESC, id DESC LIMIT 101;
\echo '== one-to-one: user, peer and until'
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) SELECT * FROM ((SELECT m.* FROM message m WHERE m.sdk_app_id = 1400000000
    AND m.from_account = 'heavy-3' AND m.to_account = 'user-21' AND m.msg_time < :until AND :one_to_one_active
    ORDER BY msg_time DESC, id DESC LIMIT 101) UNION ALL (SELECT m.* FROM message m WHERE m.sdk_app_id = 1400000000
    AND m.from_account = 'user-21' AND m.to_account = 'heavy-3' AND m.msg_time < :until AND :one_to_one_active
    ORDER BY msg_time DESC, id DESC LIMIT 101)) m ORDER BY msg_time DESC, id DESC LIMIT 101;
-- A rare state (recalled, undelivered) pages the index alone, then reads the page's rows by key (MessageQuery.page).
\echo '== one-to-one: from, state recalled'
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) SELECT m.* FROM (SELECT m.id, m.msg_time FROM message m
    WHERE m.sdk_app_id = 1400000000 AND m.from_account = 'heavy-3' AND m.recalled_at IS NOT NULL
    ORDER BY msg_time DESC, id DESC LIMIT 101) k JOIN message m ON m.id = k.id AND m.msg_time = k.msg_time
    ORDER BY m.msg_time DESC, m.id DESC;
\echo '== one-to-one: from, state undelivered'
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) SELECT m.* FROM (SELECT m.id, m.msg_time FROM message m
    WHERE m.sdk_app_id = 1400000000 AND m.from_account = 'heavy-3' AND NOT m.delivered
    ORDER BY msg_time DESC, id DESC LIMIT 101) k JOIN message m ON m.id = k.id AND m.msg_time = k.msg_time
    ORDER BY m.msg_time DESC, m.id DESC;
\echo '== one-to-one: from, state all'
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) SELECT m.* FROM message m WHERE m.sdk_app_id = 1400000000
    AND m.from_account = 'heavy-3' ORDER BY msg_time DESC, id DESC LIMIT 101;
\echo '== one-to-one: from, page 50 deep (cursor)'
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) SELECT m.* FROM message m WHERE m.sdk_app_id = 1400000000
    AND m.from_account = 'heavy-3' AND :one_to_one_active
    AND (m.msg_time, m.id) < (to_timestamp(:after_time), :after_id) ORDER BY msg_time DESC, id DESC LIMIT 101;
\echo '== one-to-one: count, from (heavy sender)'
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) SELECT count(*) FROM (SELECT 1 FROM message m WHERE m.sdk_app_id = 1400000000
    AND m.from_account = 'heavy-3' AND :one_to_one_active) m;
\echo '== one-to-one: count, from, since and until (two days)'
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) SELECT count(*) FROM (SELECT 1 FROM message m WHERE m.sdk_app_id = 1400000000
    AND m.from_account = 'heavy-3' AND m.msg_time >= :day_start AND m.msg_time < :two_days_later
    AND :one_to_one_active) m;

\echo '== group: group (one the heavy senders post in)'
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) SELECT g.* FROM group_message g WHERE g.sdk_app_id = 1400000000
    AND g.group_id = 'group-3' AND g.recalled_at IS NULL ORDER BY g.msg_time DESC, g.id DESC LIMIT 101;
\echo '== group: group (an ordinary one)'
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) SELECT g.* FROM group_message g WHERE g.sdk_app_id = 1400000000
    AND g.group_id = 'group-54321' AND g.recalled_at IS NULL ORDER BY g.msg_time DESC, g.id DESC LIMIT 101;
\echo '== group: group and from (also group and user)'
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) SELECT g.* FROM group_message g WHERE g.sdk_app_id = 1400000000
    AND g.group_id = 'group-3' AND g.from_account = 'heavy-3' AND g.recalled_at IS NULL
    ORDER BY g.msg_time DESC, g.id DESC LIMIT 101;
\echo '== group: from (also user; the group side of a search by sender or user without chat)'
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) SELECT g.* FROM group_message g WHERE g.sdk_app_id = 1400000000
    AND g.from_account = 'heavy-3' AND g.recalled_at IS NULL ORDER BY g.msg_time DESC, g.id DESC LIMIT 101;
\echo '== group: since (no until)'
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) SELECT g.* FROM group_message g WHERE g.sdk_app_id = 1400000000
    AND g.msg_time >= :since AND g.recalled_at IS NULL ORDER BY g.msg_time DESC, g.id DESC LIMIT 101;
\echo '== group: until (no since)'
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) SELECT g.* FROM group_message g WHERE g.sdk_app_id = 1400000000
    AND g.msg_time < :until AND g.recalled_at IS NULL ORDER BY g.msg_time DESC, g.id DESC LIMIT 101;
\echo '== group: since and until, one hour: one day'
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) SELECT g.* FROM group_message g WHERE g.sdk_app_id = 1400000000
    AND g.msg_time >= :since AND g.msg_time < :until AND g.recalled_at IS NULL
    ORDER BY g.msg_time DESC, g.id DESC LIMIT 101;
\echo '== group: from, since and until (two days)'
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) SELECT g.* FROM group_message g WHERE g.sdk_app_id = 1400000000
    AND g.from_account = 'heavy-3' AND g.msg_time >= :day_start AND g.msg_time < :two_days_later
    AND g.recalled_at IS NULL ORDER BY g.msg_time DESC, g.id DESC LIMIT 101;
\echo '== group: group and since'
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) SELECT g.* FROM group_message g WHERE g.sdk_app_id = 1400000000
    AND g.group_id = 'group-3' AND g.msg_time >= :since AND g.recalled_at IS NULL
    ORDER BY g.msg_time DESC, g.id DESC LIMIT 101;
\echo '== group: group, from and until'
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) SELECT g.* FROM group_message g WHERE g.sdk_app_id = 1400000000
    AND g.group_id = 'group-3' AND g.from_account = 'heavy-3' AND g.msg_time < :until AND g.recalled_at IS NULL
    ORDER BY g.msg_time DESC, g.id DESC LIMIT 101;
\echo '== group: group, state recalled'
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) SELECT g.* FROM (SELECT g.id, g.msg_time FROM group_message g
    WHERE g.sdk_app_id = 1400000000 AND g.group_id = 'group-3' AND g.recalled_at IS NOT NULL
    ORDER BY g.msg_time DESC, g.id DESC LIMIT 101) k JOIN group_message g ON g.id = k.id AND g.msg_time = k.msg_time
    ORDER BY g.msg_time DESC, g.id DESC;
\echo '== group: from, state all'
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) SELECT g.* FROM group_message g WHERE g.sdk_app_id = 1400000000
    AND g.from_account = 'heavy-3' ORDER BY g.msg_time DESC, g.id DESC LIMIT 101;
\echo '== group: from, page 50 deep (cursor)'
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) SELECT g.* FROM group_message g WHERE g.sdk_app_id = 1400000000
    AND g.from_account = 'heavy-3' AND g.recalled_at IS NULL
    AND (g.msg_time, g.id) < (to_timestamp(:after_time), :after_id) ORDER BY g.msg_time DESC, g.id DESC LIMIT 101;
\echo '== group: group, page 50 deep (cursor)'
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) SELECT g.* FROM group_message g WHERE g.sdk_app_id = 1400000000
    AND g.group_id = 'group-3' AND g.recalled_at IS NULL
    AND (g.msg_time, g.id) < (to_timestamp(:group_after_time), :group_after_id)
    ORDER BY g.msg_time DESC, g.id DESC LIMIT 101;
\echo '== group: count, from (heavy sender)'
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) SELECT count(*) FROM group_message g WHERE g.sdk_app_id = 1400000000
    AND g.from_account = 'heavy-3' AND g.recalled_at IS NULL;
\echo '== group: count, group'
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) SELECT count(*) FROM group_message g WHERE g.sdk_app_id = 1400000000
    AND g.group_id = 'group-3' AND g.recalled_at IS NULL;

-- The service sends its queries as prepared statements; should PostgreSQL switch one to a generic plan (the same plan
-- for every value), the days are pruned when it runs instead ("Subplans Removed"). Forced here to show it.
SET plan_cache_mode = force_generic_plan;
PREPARE sender_between(text, timestamptz, timestamptz) AS SELECT m.* FROM message m WHERE m.sdk_app_id = 1400000000
    AND m.from_account = $1 AND m.msg_time >= $2 AND m.msg_time < $3 AND m.delivered AND m.recalled_at IS NULL
    ORDER BY msg_time DESC, id DESC LIMIT 101;
\echo '== one-to-one: from, since and until (two days), as a generic prepared plan'
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) EXECUTE sender_between('heavy-3', :day_start, :two_days_later);
PREPARE group_sender_between(text, timestamptz, timestamptz) AS SELECT g.* FROM group_message g
    WHERE g.sdk_app_id = 1400000000 AND g.from_account = $1 AND g.msg_time >= $2 AND g.msg_time < $3
    AND g.recalled_at IS NULL ORDER BY g.msg_time DESC, g.id DESC LIMIT 101;
\echo '== group: from, since and until (two days), as a generic prepared plan'
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) EXECUTE group_sender_between('heavy-3', :day_start, :two_days_later);
RESET plan_cache_mode;
