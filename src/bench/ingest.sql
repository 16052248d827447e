-- pgbench baseline: what a service doing one upsert per callback, on its own connection, could reach at best.
\set r random(1, 2000000000)
INSERT INTO message (sdk_app_id, from_account, to_account, msg_key, msg_seq, msg_random, msg_time, online_only,
    client_ip, platform, first_seen_at, seen_after, send_result)
VALUES (1400000000, 'pgbench-' || :client_id, 'peer-' || (:r % 997), 'pgbench-' || :client_id || '-' || :r, :r, :r,
    now(), false, '127.0.0.1', 'Web', now(), true, 0)
ON CONFLICT ON CONSTRAINT message_identity DO UPDATE SET seen_after = true;
