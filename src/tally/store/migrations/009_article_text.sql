-- Articles whose text is derived from the bytes received (a web page's main text):
-- the document stays exactly as received; the text Tally read from it is kept too,
-- as a content-addressed object (UTF-8) linked here to its document, with how it was
-- made. Claims from such a document index this text, and say so (text_sha256).
-- A claim from a JSON-lines file of articles also records the outlet its line names,
-- which attribution grading counts as the claim's own source.

CREATE TABLE document_text (
    document_sha256 VARCHAR PRIMARY KEY,   -- the document as received
    text_sha256     VARCHAR NOT NULL,      -- the derived text's object (UTF-8 bytes)
    media_type      VARCHAR NOT NULL,      -- of the document, e.g. text/html
    encoding        VARCHAR NOT NULL,      -- the document's encoding, as read
    encoding_source VARCHAR NOT NULL,      -- bom | declared | detected
    method          VARCHAR NOT NULL,      -- e.g. html-main-text-1
    chars           BIGINT NOT NULL,
    title           VARCHAR,
    created_at      VARCHAR NOT NULL
);

ALTER TABLE claim ADD COLUMN text_sha256 VARCHAR;   -- the derived text its offsets index (NULL: the document)
ALTER TABLE claim ADD COLUMN outlet VARCHAR;        -- the outlet a JSON line names (source/outlet)
