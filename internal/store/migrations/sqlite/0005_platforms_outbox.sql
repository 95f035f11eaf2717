-- Partner platforms: registry details, API keys, webhook; the transactional
-- outbox of outgoing events with its delivery log; content pushed for
-- monitoring.
ALTER TABLE platforms ADD COLUMN entrance TEXT; -- short link code of the report entrance
ALTER TABLE platforms ADD COLUMN contacts TEXT NOT NULL DEFAULT '[]'; -- liaison contacts, JSON
ALTER TABLE platforms ADD COLUMN webhook_url TEXT NOT NULL DEFAULT '';
ALTER TABLE platforms ADD COLUMN webhook_secret BLOB; -- sealed signing secret
ALTER TABLE platforms ADD COLUMN disabled INTEGER NOT NULL DEFAULT 0;
CREATE UNIQUE INDEX platforms_entrance ON platforms(entrance) WHERE entrance IS NOT NULL;

CREATE TABLE platform_keys (
    id           INTEGER PRIMARY KEY,
    platform_id  INTEGER NOT NULL REFERENCES platforms(id),
    name         TEXT NOT NULL DEFAULT '',
    prefix       TEXT NOT NULL, -- first characters, to tell keys apart in lists
    key_hash     BLOB NOT NULL UNIQUE,
    created_at   TIMESTAMP NOT NULL,
    last_used_at TIMESTAMP,
    revoked_at   TIMESTAMP
);
CREATE INDEX platform_keys_platform ON platform_keys(platform_id);

ALTER TABLE notices ADD COLUMN responded_by TEXT NOT NULL DEFAULT '';
ALTER TABLE notices ADD COLUMN response_evidence TEXT NOT NULL DEFAULT '[]'; -- evidence ids, JSON

-- An event to deliver, written in the transaction of the change that
-- causes it, and delivered at least once by the outbox worker.
CREATE TABLE outbox (
    id              INTEGER PRIMARY KEY,
    topic           TEXT NOT NULL,     -- notice.created, alert.raised, article.published …
    idempotency_key TEXT NOT NULL UNIQUE,
    target          TEXT NOT NULL,     -- what it goes to, e.g. platform:12
    url             TEXT NOT NULL,     -- webhook URL at the time of the event
    payload         TEXT NOT NULL,     -- JSON body, signed as sent
    created_at      TIMESTAMP NOT NULL,
    attempts        INTEGER NOT NULL DEFAULT 0,
    next_attempt_at TIMESTAMP NOT NULL,
    locked_until    TIMESTAMP,         -- a worker is delivering it
    delivered_at    TIMESTAMP,
    dead_at         TIMESTAMP,         -- gave up: in the dead-letter list
    last_error      TEXT NOT NULL DEFAULT ''
);
CREATE INDEX outbox_due ON outbox(next_attempt_at) WHERE delivered_at IS NULL AND dead_at IS NULL;
CREATE INDEX outbox_dead ON outbox(dead_at) WHERE dead_at IS NOT NULL;

CREATE TABLE outbox_attempts (
    id          INTEGER PRIMARY KEY,
    outbox_id   INTEGER NOT NULL REFERENCES outbox(id),
    at          TIMESTAMP NOT NULL,
    status      INTEGER NOT NULL DEFAULT 0, -- HTTP status, 0 when none came
    error       TEXT NOT NULL DEFAULT '',
    duration_ms INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX outbox_attempts_event ON outbox_attempts(outbox_id);

-- Content pushed by partner platforms (and, later, polled feeds) for
-- monitoring.
CREATE TABLE monitored_items (
    id           INTEGER PRIMARY KEY,
    source       TEXT NOT NULL, -- platform, feed, csv
    platform_id  INTEGER REFERENCES platforms(id),
    external_id  TEXT NOT NULL,
    url          TEXT NOT NULL DEFAULT '',
    title        TEXT NOT NULL DEFAULT '',
    text         TEXT NOT NULL,
    author       TEXT NOT NULL DEFAULT '',
    published_at TIMESTAMP,
    received_at  TIMESTAMP NOT NULL,
    UNIQUE (source, platform_id, external_id)
);
CREATE INDEX monitored_items_received ON monitored_items(received_at);
