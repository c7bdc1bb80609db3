-- Term lists uploaded in the console (docs/screening.md, docs/adr/0090). The content is the list as
-- uploaded (Waymark TSV or Ahmia's map), already validated. No query is ever stored here.
-- screening_term_state holds one number that every change raises, so each node learns of a change
-- with one cheap read and reloads the active lists only then.
CREATE TABLE screening_term_lists (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    name         TEXT    NOT NULL,
    content      TEXT    NOT NULL,
    active       INTEGER NOT NULL,
    uploaded_by  TEXT    NOT NULL,
    uploaded_day TEXT    NOT NULL
);

CREATE TABLE screening_term_state (
    id      INTEGER PRIMARY KEY CHECK (id = 1),
    version INTEGER NOT NULL
);

INSERT INTO screening_term_state (id, version) VALUES (1, 0);
