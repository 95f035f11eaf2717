package platform

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"qinglang/internal/apperr"
	"qinglang/internal/audit"
	"qinglang/internal/auth"
	"qinglang/internal/store"
)

// Saved is the outcome of Save. Secret is set only when this save made
// the webhook signing secret (the first webhook URL): the one time it is
// shown.
type Saved struct {
	ID      int64
	Created bool
	Secret  string
}

// Save creates a platform (ID 0) or changes one. A new platform gets its
// report entrance code; the first webhook URL gets a signing secret.
func (r *Registry) Save(ctx context.Context, p *auth.Principal, pl Platform) (Saved, error) {
	if err := p.Require(auth.AdminOrg); err != nil {
		return Saved{}, err
	}
	if errs := clean(&pl); len(errs) > 0 {
		return Saved{}, apperr.Fields(errs...)
	}
	var out Saved
	now := r.now()
	err := r.db.Write(ctx, func(tx *sql.Tx) error {
		var err error
		if out, err = r.write(ctx, tx, &pl, now); err != nil {
			return err
		}
		return r.auditChange(ctx, tx, p.Username, &p.UserID, now, pl, out, "")
	})
	return out, err
}

// write inserts or updates pl (already cleaned) inside tx.
func (r *Registry) write(ctx context.Context, tx *sql.Tx, pl *Platform, now time.Time) (Saved, error) {
	if pl.DistrictID != nil {
		var n int
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM districts WHERE id = $1`, *pl.DistrictID).Scan(&n); err != nil || n == 0 {
			return Saved{}, apperr.Fields(apperr.Field("district", "unknown", "所在地区不存在", "district: no such district"))
		}
	}
	contacts, _ := json.Marshal(nonNil(pl.Contacts))
	domains := strings.Join(pl.Domains, ",")
	hasSecret := false
	if pl.ID != 0 {
		lock := ""
		if r.db.Dialect == store.Postgres {
			lock = " FOR UPDATE"
		}
		err := tx.QueryRowContext(ctx, `SELECT webhook_secret IS NOT NULL FROM platforms WHERE id = $1`+lock, pl.ID).Scan(&hasSecret)
		if errors.Is(err, sql.ErrNoRows) {
			return Saved{}, errNoPlatform
		}
		if err != nil {
			return Saved{}, fmt.Errorf("platform: save: %w", err)
		}
	}
	out := Saved{ID: pl.ID, Created: pl.ID == 0}
	var sealed []byte
	if pl.WebhookURL != "" && !hasSecret {
		out.Secret = newWebhookSecret()
		sealed = r.keys.Seal(out.Secret)
	}
	var err error
	if out.Created {
		if pl.Entrance, err = newEntrance(ctx, tx); err != nil {
			return Saved{}, err
		}
		err = tx.QueryRowContext(ctx, `INSERT INTO platforms (code, name, kind, domains, district_id, contacts, webhook_url, webhook_secret, entrance, disabled, created_at)
			VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11) RETURNING id`,
			pl.Code, pl.Name, string(pl.Kind), domains, pl.DistrictID, string(contacts), pl.WebhookURL, sealed, pl.Entrance, pl.Disabled, now).Scan(&out.ID)
	} else {
		_, err = tx.ExecContext(ctx, `UPDATE platforms SET code = $1, name = $2, kind = $3, domains = $4, district_id = $5, contacts = $6,
			webhook_url = $7, webhook_secret = COALESCE($8, webhook_secret), disabled = $9 WHERE id = $10`,
			pl.Code, pl.Name, string(pl.Kind), domains, pl.DistrictID, string(contacts), pl.WebhookURL, sealed, pl.Disabled, pl.ID)
	}
	if store.IsUniqueViolation(err) {
		return Saved{}, apperr.Fields(apperr.Field("code", "taken", "平台代码「"+pl.Code+"」已被使用", "code: "+pl.Code+" is taken"))
	}
	if err != nil {
		return Saved{}, fmt.Errorf("platform: save: %w", err)
	}
	pl.ID = out.ID
	return out, nil
}

// auditChange records a create or update with the new values; never the
// secret, only that one was made.
func (r *Registry) auditChange(ctx context.Context, tx *sql.Tx, actor string, actorID *int64, now time.Time, pl Platform, out Saved, via string) error {
	action := "admin.platform.update"
	if out.Created {
		action = "admin.platform.create"
	}
	detail, _ := json.Marshal(map[string]any{"code": pl.Code, "name": pl.Name, "kind": pl.Kind, "domains": pl.Domains,
		"district_id": pl.DistrictID, "contacts": len(pl.Contacts), "webhook_url": pl.WebhookURL, "disabled": pl.Disabled,
		"secret_made": out.Secret != "", "via": via})
	return audit.Append(ctx, tx, r.db.Dialect, audit.Entry{At: now, ActorID: actorID, Actor: actor,
		Action: action, Target: Target(out.ID), Detail: string(detail)})
}

func nonNil(c []Contact) []Contact {
	if c == nil {
		return []Contact{}
	}
	return c
}
