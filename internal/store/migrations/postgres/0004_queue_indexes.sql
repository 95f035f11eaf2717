-- The queue's most common filter: open cases of one category.
CREATE INDEX reports_status_category ON reports(status, category);
