-- A key change waiting for approval (docs/surveys.md, "The key is pinned"): the account of the
-- editor who published a version whose public key differs from the one the form id was last
-- published with. An analyst or admin approves (the version is then published) or refuses; either
-- clears it, and so do replacing the draft and any publish or close.
ALTER TABLE instruments ADD COLUMN key_change_requested_by TEXT NULL;
