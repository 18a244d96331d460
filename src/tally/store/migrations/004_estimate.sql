-- Estimate: every multiple systems estimate made in the project, kept (estimates
-- are claims: each names the lists, model, settings and data it rests on).

CREATE TABLE estimate (
    estimate_run   VARCHAR NOT NULL,
    stratum        VARCHAR NOT NULL,   -- JSON object, {} for the whole population
    made_at        VARCHAR NOT NULL,
    made_by        VARCHAR NOT NULL,
    lists          VARCHAR NOT NULL,   -- JSON array of source ids
    capture_table  VARCHAR NOT NULL,   -- JSON: {"histories": [...], "counts": [...]}
    method         VARCHAR NOT NULL,
    model          VARCHAR,
    settings       VARCHAR NOT NULL,   -- JSON
    n_observed     BIGINT NOT NULL,
    n_hat          DOUBLE,             -- NULL when refused
    lower          DOUBLE,
    upper          DOUBLE,
    reliable       BOOLEAN NOT NULL,
    warnings       VARCHAR NOT NULL,   -- JSON array
    result         VARCHAR,            -- JSON: the full result (diagnostics ...)
    refused        VARCHAR,            -- why no number was given
    data_version   VARCHAR NOT NULL,
    link_run       VARCHAR NOT NULL
);
