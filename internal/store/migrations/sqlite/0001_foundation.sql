-- Foundation: organisation, accounts, evidence and reports.
CREATE TABLE districts (
    id      INTEGER PRIMARY KEY,
    code    TEXT NOT NULL UNIQUE,
    name_zh TEXT NOT NULL,
    name_en TEXT NOT NULL,
    kind    TEXT NOT NULL, -- district, county, city, zone
    sort    INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE departments (
    id      INTEGER PRIMARY KEY,
    code    TEXT NOT NULL UNIQUE,
    name_zh TEXT NOT NULL,
    name_en TEXT NOT NULL,
    is_police INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE platforms (
    id          INTEGER PRIMARY KEY,
    code        TEXT NOT NULL UNIQUE,
    name        TEXT NOT NULL,
    kind        TEXT NOT NULL DEFAULT '',
    domains     TEXT NOT NULL DEFAULT '',
    district_id INTEGER REFERENCES districts(id),
    created_at  TIMESTAMP NOT NULL
);

CREATE TABLE units (
    id      INTEGER PRIMARY KEY,
    code    TEXT NOT NULL UNIQUE,
    name    TEXT NOT NULL,
    kind    TEXT NOT NULL DEFAULT ''
);

CREATE TABLE campaigns (
    id         INTEGER PRIMARY KEY,
    code       TEXT NOT NULL UNIQUE,
    title_zh   TEXT NOT NULL,
    title_en   TEXT NOT NULL,
    starts_at  TIMESTAMP NOT NULL,
    ends_at    TIMESTAMP NOT NULL,
    categories TEXT NOT NULL DEFAULT '' -- comma-separated category codes; empty: all
);

CREATE TABLE users (
    id            INTEGER PRIMARY KEY,
    username      TEXT NOT NULL UNIQUE,
    display_name  TEXT NOT NULL,
    role          TEXT NOT NULL,
    password_hash TEXT NOT NULL,
    department_id INTEGER REFERENCES departments(id),
    platform_id   INTEGER REFERENCES platforms(id),
    unit_id       INTEGER REFERENCES units(id),
    disabled      INTEGER NOT NULL DEFAULT 0,
    created_at    TIMESTAMP NOT NULL
);

CREATE TABLE blobs (
    sha256     TEXT PRIMARY KEY,
    size       INTEGER NOT NULL,
    mime       TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL
);

CREATE TABLE reports (
    id                 INTEGER PRIMARY KEY,
    tracking_code      TEXT NOT NULL UNIQUE,
    secret_hash        BLOB NOT NULL,
    category           TEXT NOT NULL,
    zone               TEXT NOT NULL DEFAULT '',
    content            TEXT NOT NULL,
    urls               TEXT NOT NULL DEFAULT '[]',
    zone_fields        TEXT NOT NULL DEFAULT '{}',
    zone_private       BLOB, -- sensitive zone fields, sealed
    channel            TEXT NOT NULL,
    platform_id        INTEGER REFERENCES platforms(id),
    campaign_id        INTEGER REFERENCES campaigns(id),
    district_id        INTEGER REFERENCES districts(id),
    status             TEXT NOT NULL,
    anonymous          INTEGER NOT NULL,
    reporter_name      BLOB,
    reporter_phone     BLOB,
    reporter_email     BLOB,
    reporter_phone_idx BLOB,
    reporter_email_idx BLOB,
    created_at         TIMESTAMP NOT NULL,
    updated_at         TIMESTAMP NOT NULL
);
CREATE INDEX reports_created ON reports(created_at);
CREATE INDEX reports_status ON reports(status, created_at);
CREATE INDEX reports_phone_idx ON reports(reporter_phone_idx) WHERE reporter_phone_idx IS NOT NULL;
CREATE INDEX reports_email_idx ON reports(reporter_email_idx) WHERE reporter_email_idx IS NOT NULL;

-- An uploaded file; report_id is set when a report or its material claims it.
CREATE TABLE evidence (
    id          TEXT PRIMARY KEY,
    sha256      TEXT NOT NULL REFERENCES blobs(sha256),
    name        TEXT NOT NULL DEFAULT '',
    report_id   INTEGER REFERENCES reports(id),
    material_id INTEGER,
    created_at  TIMESTAMP NOT NULL
);
CREATE INDEX evidence_report ON evidence(report_id);

CREATE TABLE report_events (
    id          INTEGER PRIMARY KEY,
    report_id   INTEGER NOT NULL REFERENCES reports(id),
    at          TIMESTAMP NOT NULL,
    actor_kind  TEXT NOT NULL, -- reporter, staff, system, platform
    actor_id    INTEGER,
    action      TEXT NOT NULL,
    from_status TEXT NOT NULL DEFAULT '',
    to_status   TEXT NOT NULL DEFAULT '',
    note        TEXT NOT NULL DEFAULT '',
    public      INTEGER NOT NULL DEFAULT 1 -- visible to the reporter
);
CREATE INDEX report_events_report ON report_events(report_id, id);

CREATE TABLE report_materials (
    id         INTEGER PRIMARY KEY,
    report_id  INTEGER NOT NULL REFERENCES reports(id),
    content    TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX report_materials_report ON report_materials(report_id);

CREATE TABLE report_ratings (
    id         INTEGER PRIMARY KEY,
    report_id  INTEGER NOT NULL REFERENCES reports(id),
    reply_event_id INTEGER NOT NULL REFERENCES report_events(id),
    satisfied  INTEGER NOT NULL,
    comment    TEXT NOT NULL DEFAULT '',
    created_at TIMESTAMP NOT NULL,
    UNIQUE (reply_event_id)
);
