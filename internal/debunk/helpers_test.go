package debunk_test

import (
	"bytes"
	"context"
	"database/sql"
	"testing"
	"time"

	"qinglang/internal/auth"
	"qinglang/internal/debunk"
	"qinglang/internal/pii"
	"qinglang/internal/rumor"
	"qinglang/internal/store"
)

// desk is a database with an editor, an admin, a rumor and the service.
type desk struct {
	t       *testing.T
	db      *store.DB
	s       *debunk.Service
	editor  *auth.Principal
	admin   *auth.Principal
	rumorID int64
	kicks   int
}

func newDesk(t *testing.T, db *store.DB) *desk {
	ctx := context.Background()
	d := &desk{t: t, db: db}
	keys, _ := pii.New(bytes.Repeat([]byte{7}, 32))
	d.s = debunk.New(db, keys, func() { d.kicks++ })
	d.s.SetBaseURL("https://piyao.example.gov.cn/")
	d.editor = d.user("editor1", auth.Editor, nil)
	d.admin = d.user("admin1", auth.Admin, nil)
	var err error
	d.rumorID, err = rumor.Save(ctx, db, d.editor, rumor.Rumor{Title: "邕江大桥出现裂缝系谣言", Verdict: "rumor",
		Claims: []string{"邕江大桥出现大裂缝马上要塌了"}}, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func (d *desk) user(name string, role auth.Role, unit *int64) *auth.Principal {
	d.t.Helper()
	var p *auth.Principal
	err := d.db.Write(context.Background(), func(tx *sql.Tx) error {
		id, err := auth.CreateUser(context.Background(), tx, auth.NewUser{Username: name, Role: role, UnitID: unit}, "password-123456", time.Now())
		p = &auth.Principal{UserID: id, Username: name, Role: role, UnitID: unit}
		return err
	})
	if err != nil {
		d.t.Fatal(err)
	}
	return p
}

func (d *desk) unit(code, hook string) (int64, string) {
	d.t.Helper()
	id, secret, err := d.s.SaveUnit(context.Background(), d.admin, debunk.Unit{Code: code, Name: code + " 融媒体中心", Kind: "media",
		WebhookURL: hook, Contacts: []debunk.Contact{{Name: "李编辑", Phone: "0771-1234567"}}})
	if err != nil {
		d.t.Fatal(err)
	}
	return id, secret
}

func (d *desk) article(title string) int64 {
	d.t.Helper()
	rid := d.rumorID
	id, err := d.s.Save(context.Background(), d.editor, debunk.Article{Title: title, Summary: "经市住建局检测，大桥结构安全。",
		BodyMD: "## 真相\n\n大桥**结构安全**，网传图片为外地旧图。\n\n| 项目 | 结论 |\n|---|---|\n| 桥面 | 正常 |\n",
		Tags:   []string{"交通", "桥梁"}, Region: "450102", Sources: []debunk.Source{{Title: "市住建局通报", URL: "https://zjj.example.gov.cn/1"}},
		Claims: []debunk.Claim{{RumorID: &rid, Claim: "邕江大桥出现大裂缝马上要塌了", Verdict: "rumor"}}})
	if err != nil {
		d.t.Fatal(err)
	}
	return id
}

// publish takes a new article through review to published.
func (d *desk) publish(title string) int64 {
	d.t.Helper()
	id := d.article(title)
	ctx := context.Background()
	if err := d.s.Submit(ctx, d.editor, id); err != nil {
		d.t.Fatal(err)
	}
	if err := d.s.Publish(ctx, d.editor, id); err != nil {
		d.t.Fatal(err)
	}
	return id
}

type outboxRow struct{ Topic, Key, Target string }

func (d *desk) outbox() []outboxRow {
	d.t.Helper()
	rows, err := d.db.Read().Query(`SELECT topic, idempotency_key, target FROM outbox ORDER BY id`)
	if err != nil {
		d.t.Fatal(err)
	}
	defer rows.Close()
	var out []outboxRow
	for rows.Next() {
		var r outboxRow
		rows.Scan(&r.Topic, &r.Key, &r.Target)
		out = append(out, r)
	}
	return out
}

func (d *desk) count(q string, args ...any) int {
	d.t.Helper()
	var n int
	if err := d.db.Read().QueryRow(q, args...).Scan(&n); err != nil {
		d.t.Fatal(err)
	}
	return n
}
