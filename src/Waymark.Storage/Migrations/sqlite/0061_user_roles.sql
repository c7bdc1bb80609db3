-- An account may hold several roles (ADR 0061): one row per (account, role). The single `role`
-- column of 0060 moves here, so existing accounts keep exactly the role they had.
CREATE TABLE user_roles (
    user_id INTEGER NOT NULL REFERENCES users (id),
    role    TEXT    NOT NULL CHECK (role IN ('admin', 'editor', 'analyst')),
    PRIMARY KEY (user_id, role)
);

INSERT INTO user_roles (user_id, role) SELECT id, role FROM users;

ALTER TABLE users DROP COLUMN role;
