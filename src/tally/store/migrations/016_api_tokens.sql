-- Tokens for scripts using the workspace's HTTP API (tally user token, or an admin
-- in the workspace). A token is shown once when made; only its SHA-256 is kept
-- (a token is 32 random bytes, so a fast hash is enough: nobody guesses it, and a
-- stolen table gives no usable token). It acts with its user's role.

CREATE TABLE api_token (
    id           VARCHAR PRIMARY KEY,   -- public id, shown in lists (the token's first part)
    user_name    VARCHAR NOT NULL,
    token_sha256 VARCHAR NOT NULL UNIQUE,
    label        VARCHAR,
    created_at   VARCHAR NOT NULL,
    created_by   VARCHAR NOT NULL,
    revoked_at   VARCHAR
);
