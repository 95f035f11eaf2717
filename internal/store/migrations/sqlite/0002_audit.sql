-- Append-only audit log; each entry's hash covers the previous entry's hash.
CREATE TABLE audit_log (
    id        INTEGER PRIMARY KEY,
    at        TIMESTAMP NOT NULL,
    actor_id  INTEGER,
    actor     TEXT NOT NULL, -- username, "system" or "reporter"
    action    TEXT NOT NULL,
    target    TEXT NOT NULL DEFAULT '',
    detail    TEXT NOT NULL DEFAULT '',
    prev_hash TEXT NOT NULL,
    hash      TEXT NOT NULL
);
CREATE INDEX audit_log_target ON audit_log(target);

-- One row: the head of the chain. Writers update it in their transaction,
-- which also serializes concurrent writers on PostgreSQL.
CREATE TABLE audit_head (
    id        INTEGER PRIMARY KEY CHECK (id = 1),
    last_id   INTEGER NOT NULL,
    last_hash TEXT NOT NULL
);
INSERT INTO audit_head (id, last_id, last_hash) VALUES (1, 0, '');

CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
