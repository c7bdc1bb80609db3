-- Survey responses (docs/surveys-respondents.md). A random id, the instrument, at most the UTC day
-- (NULL when configured to store no date), and the answers: ciphertext only (a libsodium sealed box)
-- when the instrument has the research team's public key. No address, agent, referrer or time of
-- day. WITHOUT ROWID: rows are kept in id order within the B-tree, but its pages are allocated as
-- they fill, so the file follows arrival until `waymark storage compact` rebuilds it in key order
-- (docs/adr/0100-no-arrival-order-on-disk.md). Only this comment was corrected after the migration
-- shipped: migrations are recorded by version, not by content, and the SQL is unchanged.
CREATE TABLE survey_responses (
    id         TEXT    NOT NULL PRIMARY KEY,
    instrument TEXT    NOT NULL,
    day        TEXT    NULL,
    sealed     INTEGER NOT NULL,
    payload    BLOB    NOT NULL,
    flags      TEXT    NOT NULL
) WITHOUT ROWID;

CREATE INDEX survey_responses_instrument ON survey_responses (instrument, id);

-- Drafts kept for a resume code: the id and the encryption key both derive from the code, which the
-- server never stores, so the payload is unreadable without the code. Expire by day.
CREATE TABLE survey_drafts (
    id         TEXT NOT NULL PRIMARY KEY,
    instrument TEXT NOT NULL,
    payload    BLOB NOT NULL,
    expires    TEXT NOT NULL
) WITHOUT ROWID;
