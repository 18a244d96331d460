-- Forgetting one witness inside a list (tally forget --witness, issue 19 item 8).
--
-- document.held_sha256: NULL while the project holds the document's bytes as
-- received (their SHA-256 is document.sha256, the custody address). After a
-- witness's cells were removed from it, the SHA-256 of the bytes held instead
-- (the received bytes without those cells, sealed under a new document key),
-- or '-' when no bytes are held any more (a format whose cells Tally cannot
-- remove). document.sha256 stays: the project still says what it received.

ALTER TABLE document ADD COLUMN held_sha256 VARCHAR;
