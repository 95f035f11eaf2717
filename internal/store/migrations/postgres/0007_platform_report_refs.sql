-- A partner platform's own id of a report it forwarded, so a retried
-- request files nothing twice.
CREATE TABLE platform_report_refs (
    platform_id BIGINT NOT NULL REFERENCES platforms(id),
    external_id TEXT NOT NULL,
    report_id   BIGINT NOT NULL REFERENCES reports(id),
    created_at  TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (platform_id, external_id)
);
