-- An account added in the console starts with a password the admin saw: it works once, to choose the
-- account's own password at the first sign-in, before the second factor is set up (docs/security.md).
ALTER TABLE users ADD COLUMN must_change_password INTEGER NOT NULL DEFAULT 0;
