-- Survey responses (docs/surveys-respondents.md). A random id, the instrument, at most the UTC day
-- (NULL when configured to store no date), and the answers: ciphertext only (a libsodium sealed box)
-- when the instrument has the research team's public key. No address, agent, referrer or time of day.
CREATE TABLE survey_responses (
    id         TEXT     NOT NULL PRIMARY KEY,
    instrument TEXT     NOT NULL,
    day        DATE     NULL,
    sealed     SMALLINT NOT NULL,
    payload    BYTEA    NOT NULL,
    flags      TEXT     NOT NULL
);

CREATE INDEX survey_responses_instrument ON survey_responses (instrument, id);

-- Drafts kept for a resume code: the id and the encryption key both derive from the code, which the
-- server never stores, so the payload is unreadable without the code. Expire by day.
CREATE TABLE survey_drafts (
    id         TEXT  NOT NULL PRIMARY KEY,
    instrument TEXT  NOT NULL,
    payload    BYTEA NOT NULL,
    expires    DATE  NOT NULL
);
