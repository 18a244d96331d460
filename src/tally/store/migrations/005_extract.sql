-- Extract: casualty claims proposed from news text, each with its evidence span.
-- A claim belongs to the document (article, or JSON-lines file of articles) it was
-- read from; the extractor's proposal is never edited here (review verdicts will
-- live beside it).

CREATE TABLE claim (
    claim_id            VARCHAR PRIMARY KEY,   -- <document sha256[:16]>-<n>
    document_sha256     VARCHAR NOT NULL,
    source_id           VARCHAR NOT NULL,
    article_id          VARCHAR,               -- id within a JSON-lines file
    published           VARCHAR,               -- YYYY-MM-DD
    what                VARCHAR NOT NULL,      -- killed | executed | injured | abducted | incidents
    count_low           BIGINT,
    count_best          BIGINT,
    count_high          BIGINT,
    killed_low          BIGINT,
    killed_best         BIGINT,
    killed_high         BIGINT,
    incident_count_low  BIGINT,
    incident_count_high BIGINT,
    qualifier           VARCHAR,
    scope               VARCHAR,               -- total | subtotal
    victim_group        VARCHAR,
    community           VARCHAR,
    status              VARCHAR,
    place               VARCHAR,
    place_id            VARCHAR,
    date_start          VARCHAR,
    date_end            VARCHAR,
    date_precision      VARCHAR,
    perpetrator         VARCHAR,
    attribution         VARCHAR,
    cited_source        VARCHAR,
    evidence_text       VARCHAR NOT NULL,
    evidence_start      BIGINT NOT NULL,
    evidence_end        BIGINT NOT NULL,
    proposal            JSON NOT NULL,         -- the whole claim as extracted, with every span
    lexicon_version     VARCHAR NOT NULL,
    review_status       VARCHAR NOT NULL DEFAULT 'proposed',
    extracted_at        VARCHAR NOT NULL
);
