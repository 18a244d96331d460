-- Audit coverage: each event carries digests of the human inputs (sources,
-- review, claim and incident decisions) and of the documents' quarantined rows,
-- claims and normalized values it vouches for (canonical JSON; covered by the
-- event's hash when present). Events written before this migration have none:
-- on upgrade an `audit.covered` event records the digests as they then stand.

ALTER TABLE audit_event ADD COLUMN digests VARCHAR;
