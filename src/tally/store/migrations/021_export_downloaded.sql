-- A full export is downloaded once (THREAT_MODEL "the workspace, attacked"): an
-- approved request could be downloaded any number of times until its approval
-- expired. downloaded_at: when its one download was handed out (claimed before
-- the file is made, so two downloads at once get one file); NULL until then.

ALTER TABLE export_request ADD COLUMN downloaded_at VARCHAR;
