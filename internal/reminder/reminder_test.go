package reminder_test

import (
	"context"
	"slices"
	"strings"
	"testing"
	"time"

	"qinglang/internal/reminder"
	"qinglang/internal/store"
	"qinglang/internal/store/storetest"
)

func TestReminders(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		f := newFixture(t, db)

		// Assigned and overdue: the assignee only, once however many rounds.
		id, code := f.newCase()
		f.exec(`UPDATE reports SET status = 'assessing', assignee_id = $1, stage_due_at = $2 WHERE id = $3`, f.users["an2"], now.Add(-2*time.Hour), id)
		f.run(3)
		names, texts := f.inbox()
		if !slices.Equal(names, []string{"an2"}) || texts[0] != "案件 "+code+" 研判已超期（应于 11月27日 08:00 前）" {
			t.Fatalf("assigned overdue: %v %v", names, texts)
		}
		f.exec(`UPDATE reports SET status = 'closed' WHERE id = $1`, id)
		f.exec(`DELETE FROM notifications`)

		// Unassigned, submitted, due in 5 hours: every active operator.
		id, code = f.newCase()
		f.exec(`UPDATE reports SET stage_due_at = $1 WHERE id = $2`, now.Add(5*time.Hour), id)
		f.run(2)
		names, texts = f.inbox()
		if !slices.Equal(names, []string{"op1", "op2"}) || !strings.Contains(texts[0], code+" 受理即将到期") {
			t.Fatalf("unassigned submitted: %v %v", names, texts)
		}
		// Later the same stage is overdue: a second reminder, once.
		f.worker.Now = func() time.Time { return now.Add(6 * time.Hour) }
		f.run(2)
		if names, texts = f.inbox(); len(names) != 4 || !strings.Contains(texts[1], "受理已超期") {
			t.Fatalf("due soon then overdue: %v %v", names, texts)
		}
		f.worker.Now = func() time.Time { return now }
		f.exec(`UPDATE reports SET status = 'closed' WHERE id = $1`, id)
		f.exec(`DELETE FROM notifications`)

		// A transfer overdue at 市场监管局: its handlers only, not the police or analysts.
		id, code = f.newCase()
		f.exec(`UPDATE reports SET status = 'transferred' WHERE id = $1`, id)
		for _, d := range []string{"market", "police"} {
			due := now.Add(-time.Hour)
			if d == "police" {
				due = now.Add(72 * time.Hour) // not due yet
			}
			f.exec(`INSERT INTO transfers (report_id, department_id, status, created_at, due_at) VALUES ($1,$2,'pending',$3,$4)`, id, f.depts[d], now, due)
		}
		f.run(3)
		names, texts = f.inbox()
		if !slices.Equal(names, []string{"market1", "market2"}) || texts[0] != "移交市场监管局的案件 "+code+" 反馈已超期（应于 11月27日 09:00 前）" {
			t.Fatalf("transfer overdue: %v %v", names, texts)
		}

		// The console's view.
		m1 := f.users["market1"]
		if n, _ := reminder.Unread(ctx, db, m1); n != 1 {
			t.Errorf("unread %d", n)
		}
		list, err := reminder.List(ctx, db, m1, 10)
		if err != nil || len(list) != 1 || list[0].ReportID == nil || *list[0].ReportID != id || list[0].Kind != "transfer_overdue" {
			t.Fatalf("list: %+v %v", list, err)
		}
		if err := reminder.MarkRead(ctx, db, f.users["market2"], []int64{list[0].ID}); err != nil {
			t.Fatal(err)
		}
		if n, _ := reminder.Unread(ctx, db, m1); n != 1 {
			t.Error("another user marked market1's notification read")
		}
		reminder.MarkRead(ctx, db, m1, nil)
		if n, _ := reminder.Unread(ctx, db, m1); n != 0 {
			t.Errorf("unread after marking all: %d", n)
		}
	})
}

func TestRunLoop(t *testing.T) {
	db := storetest.SQLite(t)
	f := newFixture(t, db)
	id, _ := f.newCase()
	f.exec(`UPDATE reports SET stage_due_at = $1 WHERE id = $2`, now.Add(-time.Hour), id)
	f.worker.Interval = 5 * time.Millisecond
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { f.worker.Run(ctx); close(done) }()
	deadline := time.Now().Add(5 * time.Second)
	for names, _ := f.inbox(); len(names) < 2 && time.Now().Before(deadline); names, _ = f.inbox() {
		time.Sleep(10 * time.Millisecond)
	}
	cancel()
	<-done
	if names, _ := f.inbox(); len(names) != 2 {
		t.Fatalf("run loop made %v", names)
	}
}
