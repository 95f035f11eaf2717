-- The rumor center: the rumor database with its claims, matches of reports
-- and monitored items against it, clusters of look-alike items, early
-- warnings, verification tasks for departments, and monitored feeds.
CREATE TABLE rumors (
    id            INTEGER PRIMARY KEY,
    title         TEXT NOT NULL,
    verdict       TEXT NOT NULL, -- rumor 谣言, false 不实, misleading 误导, true 属实, unverified 待核实
    topic         TEXT NOT NULL DEFAULT '',
    region        TEXT NOT NULL DEFAULT '', -- district code, or '' for the whole city
    summary       TEXT NOT NULL DEFAULT '',
    first_seen_at TIMESTAMP,
    last_seen_at  TIMESTAMP,
    match_count   INTEGER NOT NULL DEFAULT 0,
    created_by    INTEGER REFERENCES users(id),
    created_at    TIMESTAMP NOT NULL,
    updated_at    TIMESTAMP NOT NULL
);
CREATE INDEX rumors_topic ON rumors(topic);

-- A claim is one wording of a rumor; a rumor has one or more.
CREATE TABLE rumor_claims (
    id       INTEGER PRIMARY KEY,
    rumor_id INTEGER NOT NULL REFERENCES rumors(id),
    text     TEXT NOT NULL
);
CREATE INDEX rumor_claims_rumor ON rumor_claims(rumor_id);

CREATE TABLE rumor_departments (
    rumor_id      INTEGER NOT NULL REFERENCES rumors(id),
    department_id INTEGER NOT NULL REFERENCES departments(id),
    PRIMARY KEY (rumor_id, department_id)
);

-- Where a rumor is debunked: an article of the center or another source.
CREATE TABLE rumor_debunks (
    id           INTEGER PRIMARY KEY,
    rumor_id     INTEGER NOT NULL REFERENCES rumors(id),
    title        TEXT NOT NULL,
    url          TEXT NOT NULL,
    article_id   INTEGER,
    published_at TIMESTAMP
);
CREATE INDEX rumor_debunks_rumor ON rumor_debunks(rumor_id);

-- A report or monitored item that matched a rumor: linked above the
-- threshold, or kept as a near miss for an editor to review.
CREATE TABLE rumor_matches (
    id          INTEGER PRIMARY KEY,
    kind        TEXT NOT NULL, -- report, item
    subject_id  INTEGER NOT NULL,
    rumor_id    INTEGER NOT NULL REFERENCES rumors(id),
    score       REAL NOT NULL,
    status      TEXT NOT NULL, -- linked, near_miss, confirmed, dismissed
    created_at  TIMESTAMP NOT NULL,
    reviewed_by INTEGER REFERENCES users(id),
    reviewed_at TIMESTAMP,
    UNIQUE (kind, subject_id, rumor_id)
);
CREATE INDEX rumor_matches_rumor ON rumor_matches(rumor_id, status);
CREATE INDEX rumor_matches_status ON rumor_matches(status, created_at);

CREATE TABLE clusters (
    id         INTEGER PRIMARY KEY,
    label      TEXT NOT NULL,
    topic      TEXT NOT NULL DEFAULT '',
    rumor_id   INTEGER REFERENCES rumors(id),
    size       INTEGER NOT NULL DEFAULT 0,
    first_at   TIMESTAMP NOT NULL,
    last_at    TIMESTAMP NOT NULL,
    status     TEXT NOT NULL DEFAULT 'open' -- open, closed
);
CREATE INDEX clusters_last ON clusters(last_at);

-- Each report or item belongs to at most one cluster. The signature keeps
-- what joined it (MinHash, canonical URLs, image hashes) so the in-memory
-- index can be rebuilt at start.
CREATE TABLE cluster_members (
    kind       TEXT NOT NULL,
    subject_id INTEGER NOT NULL,
    cluster_id INTEGER NOT NULL REFERENCES clusters(id),
    reason     TEXT NOT NULL, -- text, url, image
    signature  BLOB,
    added_at   TIMESTAMP NOT NULL,
    PRIMARY KEY (kind, subject_id)
);
CREATE INDEX cluster_members_cluster ON cluster_members(cluster_id, added_at);

CREATE TABLE alerts (
    id              INTEGER PRIMARY KEY,
    cluster_id      INTEGER REFERENCES clusters(id),
    topic           TEXT NOT NULL DEFAULT '',
    rule            TEXT NOT NULL,
    window_count    INTEGER NOT NULL,
    baseline        REAL NOT NULL,
    status          TEXT NOT NULL, -- open, acknowledged, closed
    dedupe          TEXT NOT NULL UNIQUE,
    raised_at       TIMESTAMP NOT NULL,
    acknowledged_by INTEGER REFERENCES users(id),
    acknowledged_at TIMESTAMP,
    closed_by       INTEGER REFERENCES users(id),
    closed_at       TIMESTAMP,
    note            TEXT NOT NULL DEFAULT ''
);
CREATE INDEX alerts_status ON alerts(status, raised_at);

CREATE TABLE verification_tasks (
    id         INTEGER PRIMARY KEY,
    rumor_id   INTEGER REFERENCES rumors(id),
    claim      TEXT NOT NULL,
    question   TEXT NOT NULL DEFAULT '',
    deadline   TIMESTAMP NOT NULL,
    status     TEXT NOT NULL, -- open, answered, closed
    created_by INTEGER REFERENCES users(id),
    created_at TIMESTAMP NOT NULL
);

CREATE TABLE verification_requests (
    id            INTEGER PRIMARY KEY,
    task_id       INTEGER NOT NULL REFERENCES verification_tasks(id),
    department_id INTEGER NOT NULL REFERENCES departments(id),
    status        TEXT NOT NULL, -- pending, answered
    findings      TEXT NOT NULL DEFAULT '',
    statement     TEXT NOT NULL DEFAULT '', -- the department's official statement
    answered_by   INTEGER REFERENCES users(id),
    answered_at   TIMESTAMP,
    UNIQUE (task_id, department_id)
);
CREATE INDEX verification_requests_department ON verification_requests(department_id, status);

CREATE TABLE feeds (
    id             INTEGER PRIMARY KEY,
    name           TEXT NOT NULL,
    url            TEXT NOT NULL UNIQUE,
    interval_s     INTEGER NOT NULL DEFAULT 900,
    etag           TEXT NOT NULL DEFAULT '',
    last_modified  TEXT NOT NULL DEFAULT '',
    next_poll_at   TIMESTAMP NOT NULL,
    last_polled_at TIMESTAMP,
    last_ok_at     TIMESTAMP,
    last_error     TEXT NOT NULL DEFAULT '',
    error_count    INTEGER NOT NULL DEFAULT 0,
    disabled       INTEGER NOT NULL DEFAULT 0,
    created_at     TIMESTAMP NOT NULL
);

ALTER TABLE monitored_items ADD COLUMN feed_id INTEGER REFERENCES feeds(id);
CREATE UNIQUE INDEX monitored_items_feed ON monitored_items(feed_id, external_id) WHERE feed_id IS NOT NULL;
ALTER TABLE blobs ADD COLUMN dhash INTEGER; -- difference hash of images, for look-alike evidence
