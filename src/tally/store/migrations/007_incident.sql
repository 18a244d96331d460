-- Incidents: claims and victim records grouped by time, place and victim group,
-- with killed low/best/high and a graded attribution per alleged perpetrator.
-- `tally incidents` replaces incident, incident_member and incident_perpetrator
-- on every run; incident_decision holds a person's merge/split verdicts, which
-- are inputs: no run changes or deletes them.

CREATE TABLE incident_run (
    run_id       VARCHAR PRIMARY KEY,
    started_at   VARCHAR NOT NULL,
    settings     VARCHAR NOT NULL,   -- JSON: review statuses used, windows
    incidents    BIGINT,
    decisions_used BIGINT
);

CREATE TABLE incident (
    incident_id     VARCHAR PRIMARY KEY,   -- inc-<digest of its members>
    date_start      DATE,
    date_end        DATE,
    place_id        VARCHAR,               -- most specific place among its members
    victim_group    VARCHAR,
    killed_low      BIGINT,
    killed_best     BIGINT,
    killed_high     BIGINT,
    documented      BIGINT NOT NULL,       -- distinct persons among its records
    claims          BIGINT NOT NULL,
    records         BIGINT NOT NULL,
    district_id     VARCHAR,
    governorate_id  VARCHAR,
    run_id          VARCHAR NOT NULL
);

CREATE TABLE incident_member (
    incident_id  VARCHAR NOT NULL,
    member_kind  VARCHAR NOT NULL CHECK (member_kind IN ('claim', 'record')),
    member_id    VARCHAR NOT NULL,       -- claim_id or record_id
    person_id    VARCHAR                 -- for records: the linked person
);

CREATE TABLE incident_perpetrator (
    incident_id     VARCHAR NOT NULL,
    perpetrator     VARCHAR NOT NULL,
    perpetrator_key VARCHAR NOT NULL,
    grade           VARCHAR NOT NULL CHECK (grade IN ('single_source', 'corroborated', 'contested',
                                                      'acknowledged')),
    origins         BIGINT NOT NULL,       -- independent origins naming it
    evidence_ids    VARCHAR[] NOT NULL,    -- claim or record ids naming it
    contested_by    VARCHAR[]              -- evidence denying it or naming others
);

CREATE TABLE incident_decision (
    decision_id  BIGINT PRIMARY KEY,
    kind         VARCHAR NOT NULL CHECK (kind IN ('merge', 'split')),
    member_a     VARCHAR NOT NULL,       -- claim_id or record_id
    member_b     VARCHAR NOT NULL,
    decided_by   VARCHAR NOT NULL,
    decided_at   VARCHAR NOT NULL,
    note         VARCHAR
);
