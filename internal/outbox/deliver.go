package outbox

import (
	"bytes"
	"context"
	"database/sql"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"
	"time"
)

type outcome int

const (
	ok      outcome = iota
	failed          // recorded, retried after the backoff
	aborted         // shutting down: not an attempt, given back
)

// maxErrorChars keeps a chatty receiver's error page out of the table.
const maxErrorChars = 500

// deliver posts one event and records the attempt.
func (w *Worker) deliver(ctx context.Context, e claimed, secret []byte, secretErr error) outcome {
	start := time.Now()
	status, err := 0, secretErr
	if err == nil {
		status, err = w.post(ctx, e, secret)
	}
	took := time.Since(start)
	if err != nil && ctx.Err() != nil {
		return aborted
	}
	// A delivery that went through is recorded even during shutdown, so
	// the receiver is not sent it again after the restart.
	ctx = context.WithoutCancel(ctx)
	now := w.now()
	a := attemptRow{at: now, status: status, took: took, attempts: e.attempts + 1}
	if err != nil {
		a.err = cut(err.Error())
		a.next = now.Add(w.backoff(a.attempts))
		// 410 Gone is the receiver saying "stop sending"; retrying would
		// only fill its logs.
		a.dead = status == http.StatusGone || now.Sub(e.createdAt) >= w.giveUp()
	}
	if rerr := record(ctx, w, e.id, a); rerr != nil {
		// The claim runs out and the event is tried again: at least once.
		w.Log.Error("outbox: record attempt", "id", e.id, "err", rerr)
	}
	log := w.Log.With("id", e.id, "topic", e.ev.Topic, "target", e.ev.Target, "status", status,
		"attempt", a.attempts, "duration_ms", took.Milliseconds(), "signed", len(secret) > 0)
	switch {
	case err == nil:
		log.Info("outbox delivered")
		return ok
	case a.dead:
		log.Error("outbox event dead, moved to the dead letters", "err", a.err)
	default:
		log.Warn("outbox delivery failed", "err", a.err, "next_attempt_at", a.next)
	}
	return failed
}

// post sends the event; any answer but 2xx is an error.
func (w *Worker) post(ctx context.Context, e claimed, secret []byte) (int, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, e.ev.URL, bytes.NewReader(e.ev.Payload))
	if err != nil {
		return 0, err
	}
	ts := w.now().Unix()
	h := req.Header
	h.Set("Content-Type", "application/json")
	h.Set("User-Agent", "qinglang-webhook/1")
	h.Set(HeaderEvent, e.ev.Topic)
	h.Set(HeaderDelivery, strconv.FormatInt(e.id, 10))
	h.Set(HeaderKey, e.ev.Key)
	h.Set(HeaderTimestamp, strconv.FormatInt(ts, 10))
	if len(secret) > 0 {
		h.Set(HeaderSignature, Sign(secret, ts, e.ev.Payload))
	}
	resp, err := w.client.Do(req)
	if err != nil {
		return 0, err
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(io.LimitReader(resp.Body, 300))
	// Drain a little more so the connection can be reused.
	io.Copy(io.Discard, io.LimitReader(resp.Body, 64<<10))
	if resp.StatusCode/100 == 2 {
		return resp.StatusCode, nil
	}
	return resp.StatusCode, fmt.Errorf("HTTP %d: %s", resp.StatusCode, bytes.TrimSpace(body))
}

type attemptRow struct {
	at, next time.Time
	status   int
	err      string
	took     time.Duration
	attempts int
	dead     bool
}

func record(ctx context.Context, w *Worker, id int64, a attemptRow) error {
	return w.DB.Write(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `INSERT INTO outbox_attempts (outbox_id, at, status, error, duration_ms) VALUES ($1,$2,$3,$4,$5)`,
			id, a.at, a.status, a.err, a.took.Milliseconds()); err != nil {
			return err
		}
		var err error
		switch {
		case a.err == "":
			_, err = tx.ExecContext(ctx, `UPDATE outbox SET attempts = attempts + 1, delivered_at = $1, locked_until = NULL, last_error = '' WHERE id = $2`,
				a.at, id)
		case a.dead:
			_, err = tx.ExecContext(ctx, `UPDATE outbox SET attempts = attempts + 1, dead_at = $1, locked_until = NULL, last_error = $2 WHERE id = $3`,
				a.at, a.err, id)
		default:
			_, err = tx.ExecContext(ctx, `UPDATE outbox SET attempts = attempts + 1, next_attempt_at = $1, locked_until = NULL, last_error = $2 WHERE id = $3`,
				a.next, a.err, id)
		}
		return err
	})
}

// cut makes error text storable: valid UTF-8 without NUL (PostgreSQL
// refuses both) and at most maxErrorChars characters.
func cut(s string) string {
	s = strings.ReplaceAll(strings.ToValidUTF8(s, "?"), "\x00", "?")
	if r := []rune(s); len(r) > maxErrorChars {
		return string(r[:maxErrorChars])
	}
	return s
}
