-- Researcher console accounts and the staff audit log (docs/security.md). No respondent data here.
-- password_hash is a self-describing Argon2id string (salt and parameters inside), so parameters
-- can be raised later without a migration. session_version is bumped whenever a session must end
-- (disable, TOTP reset), and every console cookie carries the version it was issued with.
CREATE TABLE users (
    id              BIGINT  GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name            TEXT    NOT NULL UNIQUE,
    role            TEXT    NOT NULL CHECK (role IN ('admin', 'editor', 'analyst')),
    password_hash   TEXT    NOT NULL,
    totp_secret     TEXT,
    totp_pending    TEXT,
    totp_last_step  BIGINT  NOT NULL DEFAULT 0,
    failed_logins   INTEGER NOT NULL DEFAULT 0,
    locked_until    BIGINT,
    disabled        INTEGER NOT NULL DEFAULT 0,
    session_version INTEGER NOT NULL DEFAULT 0
);

-- Who did what, to the minute: staff actions only.
CREATE TABLE audit_log (
    id        BIGINT  GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    at_minute BIGINT  NOT NULL,
    actor     TEXT    NOT NULL,
    action    TEXT    NOT NULL,
    detail    TEXT    NOT NULL DEFAULT ''
);
