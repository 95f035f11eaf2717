-- Append-only audit log; each entry's hash covers the previous entry's hash.
CREATE TABLE audit_log (
    id        BIGINT PRIMARY KEY,
    at        TIMESTAMPTZ NOT NULL,
    actor_id  BIGINT,
    actor     TEXT NOT NULL, -- username, "system" or "reporter"
    action    TEXT NOT NULL,
    target    TEXT NOT NULL DEFAULT '',
    detail    TEXT NOT NULL DEFAULT '',
    prev_hash TEXT NOT NULL,
    hash      TEXT NOT NULL
);
CREATE INDEX audit_log_target ON audit_log(target);

-- One row: the head of the chain. Writers lock and update it in their
-- transaction, which serializes concurrent writers.
CREATE TABLE audit_head (
    id        INTEGER PRIMARY KEY CHECK (id = 1),
    last_id   BIGINT NOT NULL,
    last_hash TEXT NOT NULL
);
INSERT INTO audit_head (id, last_id, last_hash) VALUES (1, 0, '');

CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN RAISE EXCEPTION 'audit_log is append-only'; END $$;
CREATE TRIGGER audit_log_no_change BEFORE UPDATE OR DELETE ON audit_log
FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
