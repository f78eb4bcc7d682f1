-- The records store (dev.fuspath.records): one row per board and attempt. Written in the SQL that PostgreSQL and
-- H2 (MODE=PostgreSQL, the embedded default) both take, so one migration serves both stores.
CREATE TABLE board_record (
    record_id      VARCHAR(64)              NOT NULL PRIMARY KEY,
    -- SHA-256 of the record's canonical JSON: a second upload of the same id with other content is refused
    content_sha256 CHAR(64)                 NOT NULL,
    board_uid      CHAR(24)                 NOT NULL,
    station        VARCHAR(64)              NOT NULL,
    started_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    ended_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    duration_ms    BIGINT                   NOT NULL,
    outcome        VARCHAR(16)              NOT NULL,
    failure_code   VARCHAR(64),
    fus_before     VARCHAR(32),
    stack_before   VARCHAR(80),
    received_at    TIMESTAMP WITH TIME ZONE NOT NULL
);

-- the whole record as uploaded (canonical JSON), returned by the list as it is; a table of its own keeps
-- board_record narrow (about 150 bytes a row against 1 KB), so the summary's scans read a seventh of the bytes
CREATE TABLE board_record_body (
    record_id VARCHAR(64) NOT NULL PRIMARY KEY REFERENCES board_record (record_id),
    body      TEXT        NOT NULL
);

-- the list is paged by (started_at, record_id), newest first, optionally for one board, station or outcome
CREATE INDEX board_record_started ON board_record (started_at, record_id);
CREATE INDEX board_record_uid ON board_record (board_uid, started_at, record_id);
CREATE INDEX board_record_station ON board_record (station, started_at, record_id);
CREATE INDEX board_record_outcome ON board_record (outcome, started_at, record_id);
