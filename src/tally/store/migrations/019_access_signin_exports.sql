-- Protect (issue 19 items 4, 6, 7): access groups, sign-in hardening, export control.
--
-- access_group / access_member / source_restriction: a source restricted to one or
-- more groups is readable (its documents, records and their content) only by the
-- members of any of them (tally.store.access). Others see that it exists.
-- app_user.totp_secret: the base32 TOTP secret (sealed with the data key in an
-- encrypted project); totp_last_step: the last time step accepted, so a code is
-- never accepted twice. recovery_code: SHA-256 of each one-time recovery code.
-- web_session.reauth_at: the last time the user proved who they are (sign-in or
-- re-authentication): exports and key operations need it recent.
-- export_request: a full export asked for, approved by another user (an admin),
-- downloaded before it expires.

CREATE TABLE access_group (
    name        VARCHAR PRIMARY KEY,
    created_at  VARCHAR NOT NULL,
    created_by  VARCHAR NOT NULL
);

CREATE TABLE access_member (
    group_name  VARCHAR NOT NULL,
    user_name   VARCHAR NOT NULL,
    added_at    VARCHAR NOT NULL,
    added_by    VARCHAR NOT NULL,
    PRIMARY KEY (group_name, user_name)
);

CREATE TABLE source_restriction (
    source_id     VARCHAR NOT NULL,
    group_name    VARCHAR NOT NULL,
    restricted_at VARCHAR NOT NULL,
    restricted_by VARCHAR NOT NULL,
    PRIMARY KEY (source_id, group_name)
);

ALTER TABLE app_user ADD COLUMN totp_secret VARCHAR;
ALTER TABLE app_user ADD COLUMN totp_last_step BIGINT;
ALTER TABLE web_session ADD COLUMN reauth_at VARCHAR;

CREATE TABLE recovery_code (
    user_name   VARCHAR NOT NULL,
    code_sha256 VARCHAR NOT NULL,
    created_at  VARCHAR NOT NULL,
    used_at     VARCHAR
);

CREATE TABLE export_request (
    id           VARCHAR PRIMARY KEY,
    what         VARCHAR NOT NULL,      -- records | persons
    format       VARCHAR NOT NULL,
    recipient    VARCHAR,               -- an age public key: the file is encrypted to it
    reason       VARCHAR,
    requested_by VARCHAR NOT NULL,
    requested_at VARCHAR NOT NULL,
    decided_by   VARCHAR,
    decided_at   VARCHAR,
    status       VARCHAR NOT NULL,      -- requested | approved | refused
    expires_at   VARCHAR,               -- the approval's end: no download after it
    downloads    INTEGER NOT NULL DEFAULT 0
);
