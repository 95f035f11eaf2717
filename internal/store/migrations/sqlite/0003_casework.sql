-- Case handling: accounts and sessions, assignment, merge, transfers,
-- platform notices, reply templates, SLA and the holiday calendar,
-- notifications, and the Chinese full-text index of report texts.
ALTER TABLE users ADD COLUMN email TEXT NOT NULL DEFAULT '';
ALTER TABLE users ADD COLUMN failed_logins INTEGER NOT NULL DEFAULT 0;
ALTER TABLE users ADD COLUMN locked_until TIMESTAMP;
ALTER TABLE users ADD COLUMN last_login_at TIMESTAMP;

CREATE TABLE sessions (
    token_hash   BLOB PRIMARY KEY,
    user_id      INTEGER NOT NULL REFERENCES users(id),
    created_at   TIMESTAMP NOT NULL,
    expires_at   TIMESTAMP NOT NULL,
    last_seen_at TIMESTAMP NOT NULL,
    ip           TEXT NOT NULL DEFAULT '',
    user_agent   TEXT NOT NULL DEFAULT ''
);
CREATE INDEX sessions_user ON sessions(user_id);

CREATE TABLE api_tokens (
    id           INTEGER PRIMARY KEY,
    user_id      INTEGER NOT NULL REFERENCES users(id),
    name         TEXT NOT NULL,
    token_hash   BLOB NOT NULL UNIQUE,
    created_at   TIMESTAMP NOT NULL,
    last_used_at TIMESTAMP,
    revoked_at   TIMESTAMP
);
CREATE INDEX api_tokens_user ON api_tokens(user_id);

ALTER TABLE reports ADD COLUMN assignee_id INTEGER REFERENCES users(id);
ALTER TABLE reports ADD COLUMN canonical_id INTEGER REFERENCES reports(id);
ALTER TABLE reports ADD COLUMN reject_reason TEXT NOT NULL DEFAULT '';
ALTER TABLE reports ADD COLUMN stage_due_at TIMESTAMP; -- when the current stage is due
ALTER TABLE reports ADD COLUMN reply_due_at TIMESTAMP; -- when the reply is due (from submission)
CREATE INDEX reports_assignee ON reports(assignee_id, status);
CREATE INDEX reports_canonical ON reports(canonical_id) WHERE canonical_id IS NOT NULL;
CREATE INDEX reports_category ON reports(category, created_at);
CREATE INDEX reports_zone ON reports(zone, created_at);
CREATE INDEX reports_channel ON reports(channel, created_at);
CREATE INDEX reports_platform ON reports(platform_id, created_at);
CREATE INDEX reports_district ON reports(district_id, created_at);
CREATE INDEX reports_due ON reports(stage_due_at) WHERE stage_due_at IS NOT NULL;

-- A transfer to one department; each department accepts and feeds back on its own.
CREATE TABLE transfers (
    id            INTEGER PRIMARY KEY,
    report_id     INTEGER NOT NULL REFERENCES reports(id),
    department_id INTEGER NOT NULL REFERENCES departments(id),
    status        TEXT NOT NULL, -- pending, accepted, fed_back
    note          TEXT NOT NULL DEFAULT '',
    created_by    INTEGER REFERENCES users(id),
    created_at    TIMESTAMP NOT NULL,
    due_at        TIMESTAMP NOT NULL,
    accepted_by   INTEGER REFERENCES users(id),
    accepted_at   TIMESTAMP,
    feedback      TEXT NOT NULL DEFAULT '',
    fed_back_by   INTEGER REFERENCES users(id),
    fed_back_at   TIMESTAMP
);
CREATE INDEX transfers_report ON transfers(report_id);
CREATE INDEX transfers_department ON transfers(department_id, status);

-- A notice to a partner platform to act on a case.
CREATE TABLE notices (
    id            INTEGER PRIMARY KEY,
    report_id     INTEGER NOT NULL REFERENCES reports(id),
    platform_id   INTEGER NOT NULL REFERENCES platforms(id),
    what          TEXT NOT NULL,
    location      TEXT NOT NULL,
    reason        TEXT NOT NULL,
    deadline      TIMESTAMP NOT NULL,
    status        TEXT NOT NULL, -- sent, answered
    response      TEXT NOT NULL DEFAULT '', -- removed, restricted, no_violation, not_found
    response_note TEXT NOT NULL DEFAULT '',
    responded_at  TIMESTAMP,
    created_by    INTEGER REFERENCES users(id),
    created_at    TIMESTAMP NOT NULL
);
CREATE INDEX notices_report ON notices(report_id);
CREATE INDEX notices_platform ON notices(platform_id, status);

CREATE TABLE reply_templates (
    id         INTEGER PRIMARY KEY,
    code       TEXT NOT NULL UNIQUE,
    title      TEXT NOT NULL,
    body       TEXT NOT NULL,
    category   TEXT NOT NULL DEFAULT '', -- '' fits every category
    updated_at TIMESTAMP NOT NULL
);

-- Working days allowed per stage (DESIGN section 3 defaults).
CREATE TABLE sla_settings (
    stage TEXT PRIMARY KEY,
    days  INTEGER NOT NULL
);
INSERT INTO sla_settings (stage, days) VALUES ('accept', 1), ('assess', 3), ('notice', 2), ('feedback', 10), ('reply', 15);

-- Days that differ from the Monday-to-Friday week: public holidays, and
-- weekend days worked in exchange (调休).
CREATE TABLE holidays (
    day  TEXT PRIMARY KEY, -- YYYY-MM-DD, Beijing time
    kind TEXT NOT NULL,    -- holiday or workday
    name TEXT NOT NULL DEFAULT ''
);

CREATE TABLE notifications (
    id         INTEGER PRIMARY KEY,
    user_id    INTEGER NOT NULL REFERENCES users(id),
    kind       TEXT NOT NULL,
    report_id  INTEGER REFERENCES reports(id),
    text       TEXT NOT NULL,
    dedupe     TEXT NOT NULL UNIQUE, -- one reminder per case, stage and due time
    created_at TIMESTAMP NOT NULL,
    read_at    TIMESTAMP,
    emailed_at TIMESTAMP
);
CREATE INDEX notifications_user ON notifications(user_id, read_at);

-- Character bigrams of report texts (the CJK analyzer approach), so that a
-- two-character query such as 诈骗 finds what a trigram index cannot.
CREATE VIRTUAL TABLE reports_fts USING fts5(bigrams, content='', tokenize='unicode61 remove_diacritics 0');
