-- Foundation: sources, documents kept as received, victim records with their
-- raw values, quarantined rows, and the hash-chained audit log.

CREATE TABLE source (
    id          VARCHAR PRIMARY KEY,
    name        VARCHAR NOT NULL,
    kind        VARCHAR NOT NULL CHECK (kind IN ('rights_group_list', 'news_outlet',
                    'witness', 'official', 'social_media', 'other')),
    reliability VARCHAR NOT NULL CHECK (reliability IN ('A', 'B', 'C', 'D', 'E', 'F')),
    language    VARCHAR,
    notes       VARCHAR,
    created_at  VARCHAR NOT NULL
);

CREATE TABLE document (
    sha256         VARCHAR PRIMARY KEY,
    source_id      VARCHAR NOT NULL,
    original_name  VARCHAR NOT NULL,
    media_type     VARCHAR NOT NULL,
    size_bytes     BIGINT NOT NULL,
    received_at    VARCHAR NOT NULL,
    received_by    VARCHAR NOT NULL,
    parser         VARCHAR NOT NULL,
    encoding       VARCHAR,
    mapping        VARCHAR,          -- the mapping file's text, as used
    status         VARCHAR NOT NULL, -- ingested | stored
    record_count   BIGINT NOT NULL DEFAULT 0,
    quarantine_count BIGINT NOT NULL DEFAULT 0,
    records_digest VARCHAR           -- SHA-256 over the records as written (audit verify)
);

CREATE TABLE victim_record (
    record_id        VARCHAR PRIMARY KEY,   -- <document sha256[:16]>-<row>
    document_sha256  VARCHAR NOT NULL,
    source_id        VARCHAR NOT NULL,
    row_number       BIGINT NOT NULL,       -- data row in the document, 1-based
    raw              JSON NOT NULL,         -- every original field, as read
    source_record_id VARCHAR,
    source_label     VARCHAR,
    name             VARCHAR,
    given_name       VARCHAR,
    father_name      VARCHAR,
    grandfather_name VARCHAR,
    family_name      VARCHAR,
    mother_name      VARCHAR,
    sex              VARCHAR,
    age              VARCHAR,
    birth_year       VARCHAR,
    date_of_death    VARCHAR,
    place            VARCHAR,
    governorate      VARCHAR,
    district         VARCHAR,
    community        VARCHAR,
    status           VARCHAR,
    cause            VARCHAR,
    perpetrator_claimed VARCHAR,
    notes            VARCHAR,
    problems         VARCHAR[]              -- notes on values that looked wrong
);

CREATE TABLE quarantine (
    document_sha256 VARCHAR NOT NULL,
    row_number      BIGINT NOT NULL,
    line_number     BIGINT,
    column_name     VARCHAR,
    problem         VARCHAR NOT NULL,
    raw_text        VARCHAR,
    raw             JSON
);

CREATE TABLE audit_event (
    seq        BIGINT PRIMARY KEY,
    occurred_at VARCHAR NOT NULL,
    actor      VARCHAR NOT NULL,
    action     VARCHAR NOT NULL,
    subject    VARCHAR,
    details    VARCHAR NOT NULL,  -- canonical JSON
    prev_hash  VARCHAR NOT NULL,
    hash       VARCHAR NOT NULL
);
