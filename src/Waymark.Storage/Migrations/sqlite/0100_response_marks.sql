-- A response an analyst set aside in the console as a test or junk response (docs/console.md):
-- the response id, its instrument and the mark ('test' or 'junk'). Nothing is deleted: the
-- response stays as it was stored, the mark travels as the exports' "excluded" column, and
-- removing the row reverses it. Who marked and unmarked is in the audit log; no time is kept here.
CREATE TABLE response_marks (
    id         TEXT NOT NULL PRIMARY KEY,
    instrument TEXT NOT NULL,
    mark       TEXT NOT NULL CHECK (mark IN ('test', 'junk'))
) WITHOUT ROWID;
