-- The quality flags of a sealed response are sealed with its answers (they were always inside the
-- sealed record too): the clear column stays empty for sealed responses, so a database reader does
-- not learn which sealed respondent answered carelessly, failed a check or filled the honeypot.
-- Unsealed responses keep their flags in clear for the console's counts (docs/security.md).
UPDATE survey_responses SET flags = '' WHERE sealed <> 0;
