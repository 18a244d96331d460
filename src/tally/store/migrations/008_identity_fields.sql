-- Identity fields some lists carry beyond names: a date of birth, an identity
-- document number (e.g. the Syrian national number), an address. Optional,
-- appended to the interchange format; when present the linker compares them.
-- They are personal data: never in a public export.

ALTER TABLE victim_record ADD COLUMN birth_date VARCHAR;
ALTER TABLE victim_record ADD COLUMN national_id VARCHAR;
ALTER TABLE victim_record ADD COLUMN address VARCHAR;
