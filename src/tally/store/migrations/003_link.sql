-- Link: persons (clusters of records), the scored pairs of the latest run, and
-- reviewers' verdicts, which are inputs: no run ever changes or deletes them.

CREATE TABLE link_run (
    run_id        VARCHAR PRIMARY KEY,
    started_at    VARCHAR NOT NULL,
    finished_at   VARCHAR,
    actor         VARCHAR NOT NULL,
    data_version  VARCHAR NOT NULL,   -- digest of the records linked
    settings      VARCHAR NOT NULL,   -- JSON: blocking, comparisons, thresholds
    model         VARCHAR,            -- JSON: trained Splink model
    records       BIGINT,
    persons       BIGINT,
    pairs_scored  BIGINT,
    verdicts_used BIGINT
);

CREATE TABLE record_pair (
    run_id            VARCHAR NOT NULL,
    record_id_l       VARCHAR NOT NULL,
    record_id_r       VARCHAR NOT NULL,
    match_weight      DOUBLE NOT NULL,
    match_probability DOUBLE NOT NULL,
    comparison        VARCHAR           -- JSON: per-field level and weight
);

CREATE TABLE person_record (
    record_id    VARCHAR PRIMARY KEY,
    person_id    VARCHAR NOT NULL,
    match_weight DOUBLE,                -- strongest accepted link of this record
    run_id       VARCHAR NOT NULL
);

CREATE TABLE review_decision (
    decision_id  BIGINT PRIMARY KEY,
    record_id_l  VARCHAR NOT NULL,
    record_id_r  VARCHAR NOT NULL,
    verdict      VARCHAR NOT NULL CHECK (verdict IN ('match', 'no-match', 'unsure')),
    decided_by   VARCHAR NOT NULL,
    decided_at   VARCHAR NOT NULL,
    note         VARCHAR,
    run_id       VARCHAR              -- the run whose queue showed the pair
);
