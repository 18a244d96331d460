-- Review of extracted claims: a person accepts, edits or rejects each claim.
-- Decisions are only ever appended; the claim row and its proposal are never
-- changed. A claim's current status and values come from its decisions: the
-- newest verdict gives the status, edits overlay the proposal in order.

CREATE TABLE claim_decision (
    decision_id  BIGINT PRIMARY KEY,
    claim_id     VARCHAR NOT NULL,
    verdict      VARCHAR NOT NULL,      -- accept | edit | reject
    edited       JSON,                  -- the values an edit sets (null otherwise)
    decided_by   VARCHAR NOT NULL,
    decided_at   VARCHAR NOT NULL,
    note         VARCHAR
);
