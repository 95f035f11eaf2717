-- Debunk publishing: articles with their claims and revisions, alliance
-- members' webhooks and their reposts, media-matrix templates.
CREATE TABLE articles (
    id                INTEGER PRIMARY KEY,
    slug              TEXT NOT NULL UNIQUE,
    title             TEXT NOT NULL,
    summary           TEXT NOT NULL DEFAULT '',
    body_md           TEXT NOT NULL DEFAULT '',
    body_html         TEXT NOT NULL DEFAULT '', -- rendered and sanitized
    cover_url         TEXT NOT NULL DEFAULT '',
    tags              TEXT NOT NULL DEFAULT '', -- comma-separated
    region            TEXT NOT NULL DEFAULT '', -- district code, '' for the whole city
    department_id     INTEGER REFERENCES departments(id), -- the verifying department
    sources           TEXT NOT NULL DEFAULT '[]', -- JSON [{title, url}]
    status            TEXT NOT NULL, -- draft, review, published, corrected, retracted
    created_by        INTEGER REFERENCES users(id),
    created_at        TIMESTAMP NOT NULL,
    updated_at        TIMESTAMP NOT NULL,
    published_at      TIMESTAMP,
    correction_note   TEXT NOT NULL DEFAULT '',
    corrected_at      TIMESTAMP,
    retraction_reason TEXT NOT NULL DEFAULT '',
    retracted_at      TIMESTAMP
);
CREATE INDEX articles_published ON articles(status, published_at);

-- The claims an article reviews, each with its verdict (ClaimReview).
CREATE TABLE article_claims (
    id         INTEGER PRIMARY KEY,
    article_id INTEGER NOT NULL REFERENCES articles(id),
    rumor_id   INTEGER REFERENCES rumors(id),
    claim      TEXT NOT NULL,
    verdict    TEXT NOT NULL
);
CREATE INDEX article_claims_article ON article_claims(article_id);

CREATE TABLE article_revisions (
    id         INTEGER PRIMARY KEY,
    article_id INTEGER NOT NULL REFERENCES articles(id),
    at         TIMESTAMP NOT NULL,
    by_user    INTEGER REFERENCES users(id),
    status     TEXT NOT NULL,
    title      TEXT NOT NULL,
    summary    TEXT NOT NULL,
    body_md    TEXT NOT NULL,
    note       TEXT NOT NULL DEFAULT ''
);
CREATE INDEX article_revisions_article ON article_revisions(article_id, id);

ALTER TABLE units ADD COLUMN contacts TEXT NOT NULL DEFAULT '[]';
ALTER TABLE units ADD COLUMN webhook_url TEXT NOT NULL DEFAULT '';
ALTER TABLE units ADD COLUMN webhook_secret BLOB;

-- Where an alliance member reposted an article, and how far it reached.
CREATE TABLE reposts (
    id          INTEGER PRIMARY KEY,
    article_id  INTEGER NOT NULL REFERENCES articles(id),
    unit_id     INTEGER NOT NULL REFERENCES units(id),
    url         TEXT NOT NULL,
    channel     TEXT NOT NULL, -- wechat, weibo, toutiao, douyin, website, other
    reach       INTEGER NOT NULL DEFAULT 0,
    reported_by INTEGER REFERENCES users(id),
    reported_at TIMESTAMP NOT NULL
);
CREATE INDEX reposts_article ON reposts(article_id, unit_id);

-- Copy-ready versions of an article per channel, editable by editors.
CREATE TABLE media_templates (
    channel    TEXT PRIMARY KEY, -- wechat, weibo, toutiao, video
    body       TEXT NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
