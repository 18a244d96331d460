-- Incident runs record what every stage run records: who ran it, when it
-- finished, and the data version it read (so a run made before the data
-- changed is named as stale where it is used). Runs made before this
-- migration have none: they show as stale until `tally incidents` runs again.

ALTER TABLE incident_run ADD COLUMN finished_at VARCHAR;
ALTER TABLE incident_run ADD COLUMN actor VARCHAR;
ALTER TABLE incident_run ADD COLUMN data_version VARCHAR;
