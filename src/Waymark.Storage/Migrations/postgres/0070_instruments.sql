-- Survey instruments uploaded through the console (docs/surveys.md, "Publishing from the console";
-- docs/adr/0070). The XLSForm itself (bounded), the research team's public key when responses are
-- sealed, the status, the UTC day of the upload and the account that uploaded it: no time of day.
-- revision is the catalog version at the row's last publish or close: the latest action on a form
-- decides whether it is served. (form_id, version) is unique: a published version never changes.
CREATE TABLE instruments (
    id          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    form_id     TEXT   NOT NULL,
    version     TEXT   NOT NULL,
    title       TEXT   NOT NULL,
    languages   TEXT   NOT NULL,  -- the form's language keys, space-separated
    xlsx        BYTEA  NOT NULL CHECK (octet_length(xlsx) BETWEEN 1 AND 5242880),
    public_key  BYTEA  NULL CHECK (public_key IS NULL OR octet_length(public_key) = 32),
    status      TEXT   NOT NULL CHECK (status IN ('draft', 'published', 'closed')),
    day         DATE   NOT NULL,
    uploaded_by TEXT   NOT NULL,
    revision    BIGINT NOT NULL DEFAULT 0,
    UNIQUE (form_id, version)
);

-- One row: bumped in the transaction of every publish and close, so that every node notices a change
-- with one tiny read (the catalog polls it) and reloads only then.
CREATE TABLE instrument_catalog (
    id      INTEGER NOT NULL PRIMARY KEY CHECK (id = 1),
    version BIGINT  NOT NULL
);

INSERT INTO instrument_catalog (id, version) VALUES (1, 0);
