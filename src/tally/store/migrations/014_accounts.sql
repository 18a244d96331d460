-- Accounts of the team workspace (tally serve): who may sign in, with which role,
-- their open sessions and the sign-in attempts that throttle password guessing.
-- `user` is an SQL keyword, hence app_user. Passwords are Argon2id hashes only.

CREATE TABLE app_user (
    name          VARCHAR PRIMARY KEY,
    role          VARCHAR NOT NULL CHECK (role IN ('admin', 'analyst', 'reviewer',
                      'documenter', 'viewer')),
    password_hash VARCHAR NOT NULL,
    language      VARCHAR,            -- the pages' language chosen by the user (ar | en)
    created_at    VARCHAR NOT NULL,
    created_by    VARCHAR NOT NULL,
    disabled      BOOLEAN NOT NULL DEFAULT false
);

CREATE TABLE web_session (
    id          VARCHAR PRIMARY KEY,   -- random; the signed cookie carries it
    user_name   VARCHAR NOT NULL,
    csrf_token  VARCHAR NOT NULL,      -- every form of this session carries it
    created_at  VARCHAR NOT NULL,
    expires_at  VARCHAR NOT NULL,
    ended_at    VARCHAR               -- signed out
);

CREATE TABLE login_attempt (
    attempted_at VARCHAR NOT NULL,
    user_name VARCHAR NOT NULL,
    ip        VARCHAR NOT NULL,
    ok        BOOLEAN NOT NULL
);
