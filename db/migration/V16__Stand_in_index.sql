-- The identities of messages stored with an estimated time (stand-ins: known from a recall echo, a batchsendmsg reply
-- or an import before their callback). The write path moves a stand-in to its real day before its upsert
-- (ingest.MessageUpsert); looking for one in every day partition of message on every batch cost more than the upsert
-- itself, and grew with the number of days kept. A batch now looks here first (a primary-key probe of a small table)
-- and moves rows only when one of its messages is listed. An entry may outlive its stand-in (the callback came first,
-- or the row was erased); such an entry only costs one needless look, and retention removes it once it is older than
-- the messages kept. Only the write path, erasure and retention write these tables (ingest.StandIns).
--
-- On an existing database this reads the stand-ins through their partial indexes: 0.42 s per million messages (1 % of
-- them stand-ins) on the 2-core development machine (src/bench/partition-migration.sh, 2026-12-03).

CREATE TABLE message_stand_in (
    sdk_app_id   bigint      NOT NULL,
    from_account text        NOT NULL,
    to_account   text        NOT NULL,
    msg_key      text        NOT NULL,
    msg_time     timestamptz NOT NULL,
    PRIMARY KEY (sdk_app_id, from_account, to_account, msg_key)
);
-- Erasure finds a recipient's entries (the primary key serves the sender's).
CREATE INDEX message_stand_in_by_recipient ON message_stand_in (sdk_app_id, to_account);

CREATE TABLE group_message_stand_in (
    sdk_app_id bigint      NOT NULL,
    group_id   text        NOT NULL,
    topic_id   text        NOT NULL,
    msg_seq    bigint      NOT NULL,
    msg_time   timestamptz NOT NULL,
    PRIMARY KEY (sdk_app_id, group_id, topic_id, msg_seq)
);

INSERT INTO message_stand_in (sdk_app_id, from_account, to_account, msg_key, msg_time)
SELECT sdk_app_id, from_account, to_account, msg_key, min(msg_time)
FROM message WHERE msg_time_estimated
GROUP BY sdk_app_id, from_account, to_account, msg_key;

INSERT INTO group_message_stand_in (sdk_app_id, group_id, topic_id, msg_seq, msg_time)
SELECT sdk_app_id, group_id, topic_id, msg_seq, min(msg_time)
FROM group_message WHERE msg_time_estimated
GROUP BY sdk_app_id, group_id, topic_id, msg_seq;
