-- Rollups kept at ingest, in the same transaction as the records (dev.fuspath.records.RecordStore), so the summary
-- reads a few thousand rollup rows instead of every record. A period is a UTC day, numbered from 1970-01-01 (day 0):
-- the summary since T reads the records of [T, the next midnight) themselves (a day at most, through the started_at
-- index) and the rollups of the days after. Hourly periods would keep 24 times more rows for the same exact answer.

-- attempts per day of started_at and per outcome, failure code, FUS and stack on arrival ('unknown' when unread)
CREATE TABLE record_rollup (
    utc_day       BIGINT      NOT NULL,
    dimension VARCHAR(16) NOT NULL,
    item      VARCHAR(80) NOT NULL,
    attempts  BIGINT      NOT NULL,
    PRIMARY KEY (utc_day, dimension, item)
);

-- attempts per day and duration, rounded to the second (to the minute from one hour): the median time per attempt
-- is the median of this histogram, within half a second of the exact one (half a minute over an hour)
CREATE TABLE record_duration (
    utc_day      BIGINT NOT NULL,
    seconds  BIGINT NOT NULL,
    attempts BIGINT NOT NULL,
    PRIMARY KEY (utc_day, seconds)
);

-- each board's last attempt and last passed attempt (by started_at): the boards with an attempt since T are those
-- whose last attempt started at T or later, and the same for passed
CREATE TABLE board (
    board_uid       CHAR(24)                 NOT NULL PRIMARY KEY,
    last_started_at TIMESTAMP WITH TIME ZONE,
    last_passed_at  TIMESTAMP WITH TIME ZONE
);
CREATE INDEX board_last_started ON board (last_started_at);
CREATE INDEX board_last_passed ON board (last_passed_at);

-- boards whose last attempt (last passed attempt) started on that day
CREATE TABLE board_rollup (
    utc_day    BIGINT NOT NULL PRIMARY KEY,
    boards BIGINT NOT NULL,
    passed BIGINT NOT NULL
);

-- per station: attempts stored, the last attempt's start and when the station last sent a new record; the /line
-- page's activity, and (its sum) the marker every instance polls to tell viewers that records arrived
CREATE TABLE record_station (
    station          VARCHAR(64)              NOT NULL PRIMARY KEY,
    attempts         BIGINT                   NOT NULL,
    last_started_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    last_received_at TIMESTAMP WITH TIME ZONE NOT NULL
);

-- the records stored before this migration
INSERT INTO record_rollup (utc_day, dimension, item, attempts)
SELECT utc_day, 'outcome', outcome, count(*) FROM (
    SELECT CAST(FLOOR(EXTRACT(EPOCH FROM started_at) / 86400) AS BIGINT) AS utc_day, outcome FROM board_record) AS r
GROUP BY utc_day, outcome;
INSERT INTO record_rollup (utc_day, dimension, item, attempts)
SELECT utc_day, 'cause', failure_code, count(*) FROM (
    SELECT CAST(FLOOR(EXTRACT(EPOCH FROM started_at) / 86400) AS BIGINT) AS utc_day, failure_code FROM board_record
    WHERE failure_code IS NOT NULL) AS r
GROUP BY utc_day, failure_code;
INSERT INTO record_rollup (utc_day, dimension, item, attempts)
SELECT utc_day, 'fus', item, count(*) FROM (
    SELECT CAST(FLOOR(EXTRACT(EPOCH FROM started_at) / 86400) AS BIGINT) AS utc_day,
           COALESCE(fus_before, 'unknown') AS item FROM board_record) AS r
GROUP BY utc_day, item;
INSERT INTO record_rollup (utc_day, dimension, item, attempts)
SELECT utc_day, 'stack', item, count(*) FROM (
    SELECT CAST(FLOOR(EXTRACT(EPOCH FROM started_at) / 86400) AS BIGINT) AS utc_day,
           COALESCE(stack_before, 'unknown') AS item FROM board_record) AS r
GROUP BY utc_day, item;
INSERT INTO record_duration (utc_day, seconds, attempts)
SELECT utc_day, seconds, count(*) FROM (
    SELECT CAST(FLOOR(EXTRACT(EPOCH FROM started_at) / 86400) AS BIGINT) AS utc_day,
           CASE WHEN duration_ms < 3600000 THEN (duration_ms + 500) / 1000
                ELSE (duration_ms + 30000) / 60000 * 60 END AS seconds FROM board_record) AS r
GROUP BY utc_day, seconds;
INSERT INTO board (board_uid, last_started_at, last_passed_at)
SELECT board_uid, max(started_at), max(CASE WHEN outcome = 'passed' THEN started_at END) FROM board_record
GROUP BY board_uid;
INSERT INTO board_rollup (utc_day, boards, passed)
SELECT utc_day, sum(b), sum(p) FROM (
    SELECT CAST(FLOOR(EXTRACT(EPOCH FROM last_started_at) / 86400) AS BIGINT) AS utc_day, 1 AS b, 0 AS p FROM board
    UNION ALL
    SELECT CAST(FLOOR(EXTRACT(EPOCH FROM last_passed_at) / 86400) AS BIGINT), 0, 1 FROM board
    WHERE last_passed_at IS NOT NULL) AS d
GROUP BY utc_day;
INSERT INTO record_station (station, attempts, last_started_at, last_received_at)
SELECT station, count(*), max(started_at), max(received_at) FROM board_record GROUP BY station;
