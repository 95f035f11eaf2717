package outbox

// claimPostgres: FOR UPDATE SKIP LOCKED lets processes that claim at the
// same moment pass each other. Without it both would claim the same rows:
// PostgreSQL re-checks an updated row against the outer WHERE but does not
// re-run the IN (SELECT …), so the loser updates the row again.
const claimPostgres = `UPDATE outbox SET locked_until = $1 WHERE id IN (
	SELECT id FROM outbox WHERE delivered_at IS NULL AND dead_at IS NULL AND next_attempt_at <= $2
	AND (locked_until IS NULL OR locked_until < $2)
	AND target NOT IN (SELECT jsonb_array_elements_text($3::jsonb))
	ORDER BY id LIMIT $4 FOR UPDATE SKIP LOCKED)
	RETURNING id, topic, idempotency_key, target, url, payload, created_at, attempts`
