-- Protect (issue 19): who gave testimony and what they agreed to, and where an
-- encrypted project keeps its sealed (encrypted) values.
--
-- witness_name, witness_contact, consent: sensitive fields of the interchange
-- format (tally.model.SENSITIVE_FIELDS), never in a public export.
-- victim_record.sealed: in an encrypted project, a JSON object of the record's
-- sensitive values and of the raw values of the columns that held them, each
-- sealed with AES-GCM (associated data: record id and field); the plain columns
-- are then NULL (national_id holds a keyed hash, so linkage can still compare).
-- quarantine.sealed: a quarantined row's raw values, sealed whole.
-- document.sensitive_columns: JSON list of the list's columns that hold
-- sensitive values (filling a sensitive field, or marked by the mapping).
-- NULL everywhere in projects and rows from before.

ALTER TABLE victim_record ADD COLUMN witness_name VARCHAR;
ALTER TABLE victim_record ADD COLUMN witness_contact VARCHAR;
ALTER TABLE victim_record ADD COLUMN consent VARCHAR;
ALTER TABLE victim_record ADD COLUMN sealed VARCHAR;
ALTER TABLE quarantine ADD COLUMN sealed VARCHAR;
ALTER TABLE document ADD COLUMN sensitive_columns VARCHAR;
