-- Background jobs of the workspace (tally serve): link, estimate, incidents and
-- report runs started from the jobs page or the API. Kept here so a restart of the
-- server does not forget them: a job that was queued or running when the server
-- stopped is marked 'interrupted' at the next start (its run, if it committed, is in
-- the store with its own audit event), and the jobs page keeps its history.
-- Operational records, like web_session: not human inputs, so no audit event each.

CREATE TABLE web_job (
    id           VARCHAR PRIMARY KEY,
    kind         VARCHAR NOT NULL,      -- link | estimate | incidents | report
    user_name    VARCHAR NOT NULL,      -- who started it
    state        VARCHAR NOT NULL,      -- queued | running | done | failed | interrupted
    submitted_at VARCHAR NOT NULL,
    started_at   VARCHAR,
    finished_at  VARCHAR,
    step         VARCHAR,               -- the latest progress message
    steps        INTEGER NOT NULL DEFAULT 0,
    log          VARCHAR,               -- JSON list of its last lines
    result       VARCHAR,               -- JSON object
    error        VARCHAR
);
