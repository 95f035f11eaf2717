package outbox

// claimSQLite needs no row locks: SQLite has one writer, and only one
// process delivers from a SQLite file.
const claimSQLite = `UPDATE outbox SET locked_until = $1 WHERE id IN (
	SELECT id FROM outbox WHERE delivered_at IS NULL AND dead_at IS NULL AND next_attempt_at <= $2
	AND (locked_until IS NULL OR locked_until < $2)
	AND target NOT IN (SELECT value FROM json_each($3))
	ORDER BY id LIMIT $4)
	RETURNING id, topic, idempotency_key, target, url, payload, created_at, attempts`
