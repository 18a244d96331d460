-- Incident decisions on single members: a person may move one claim or one
-- victim record (with the rest of its person's records) out of the incident the
-- rules put it in ('detach': it stands alone unless a merge joins it elsewhere).
-- member_b is empty for a detach. The table is rebuilt because DuckDB cannot
-- change a CHECK constraint in place; every earlier decision is copied unchanged.

CREATE TABLE incident_decision_new (
    decision_id  BIGINT PRIMARY KEY,
    kind         VARCHAR NOT NULL CHECK (kind IN ('merge', 'split', 'detach')),
    member_a     VARCHAR NOT NULL,       -- claim_id or record_id
    member_b     VARCHAR,                -- claim_id or record_id; NULL for a detach
    decided_by   VARCHAR NOT NULL,
    decided_at   VARCHAR NOT NULL,
    note         VARCHAR,
    CHECK ((kind = 'detach') = (member_b IS NULL))
);
INSERT INTO incident_decision_new SELECT * FROM incident_decision;
DROP TABLE incident_decision;
ALTER TABLE incident_decision_new RENAME TO incident_decision;
