-- The language a response was given in, in clear beside the quality flags (docs/adr/0080), so the
-- console counts responses by language without opening sealed answers. A language code only (the
-- survey's own language key, e.g. "en"); NULL for responses stored before this column existed.
ALTER TABLE survey_responses ADD COLUMN language TEXT NULL;
