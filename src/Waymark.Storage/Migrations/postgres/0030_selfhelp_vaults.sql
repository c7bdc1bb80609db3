-- Anonymous self-help progress (docs/selfhelp.md). Each row is one person's progress, encrypted with
-- a key derived from their recovery phrase; the lookup is a second value derived from the same phrase.
-- The server can read neither the phrase nor the answers. No time, no address, no counter of visits.
CREATE TABLE selfhelp_vaults (
    lookup     BYTEA NOT NULL PRIMARY KEY,
    ciphertext BYTEA NOT NULL
);
