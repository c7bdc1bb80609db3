-- Console sessions held on the server (docs/security.md, "The console"). The session cookie carries a
-- random id; this table keeps only its SHA-256, so a copy of the database cannot be turned into a
-- cookie. A session ends when its row goes: at sign-out, on every node at once. signed_in (UTC
-- seconds) never moves, so the absolute limit counts from sign-in however active the session is;
-- last_seen is the idle clock, refreshed at most once a minute.
CREATE TABLE console_sessions (
    id_hash   TEXT   NOT NULL PRIMARY KEY,
    user_id   BIGINT NOT NULL REFERENCES users (id),
    signed_in BIGINT NOT NULL,
    last_seen BIGINT NOT NULL
);

CREATE INDEX console_sessions_user ON console_sessions (user_id);
