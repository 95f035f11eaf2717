package debunk_test

import (
	"context"
	"fmt"
	"reflect"
	"strings"
	"testing"

	"qinglang/internal/apperr"
	"qinglang/internal/debunk"
	"qinglang/internal/store"
	"qinglang/internal/store/storetest"
)

func TestWorkflow(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		d := newDesk(t, db)
		u1, _ := d.unit("nanning_daily", "https://a.example/hook")
		d.unit("no_hook_tv", "")
		u3, _ := d.unit("gx_news", "https://b.example/hook")

		id := d.article("邕江大桥出现裂缝？假的")
		a, err := d.s.Get(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		if a.Status != debunk.Draft || !strings.HasSuffix(a.Slug, fmt.Sprintf("-%d", id)) || len(a.Claims) != 1 || a.Department != "" {
			t.Fatalf("draft = %+v", a)
		}
		if !strings.Contains(string(a.BodyHTML), "<table>") || !strings.Contains(string(a.BodyHTML), "<strong>结构安全</strong>") {
			t.Errorf("body html = %s", a.BodyHTML)
		}
		if _, err := d.s.BySlug(ctx, a.Slug); apperr.CodeOf(err) != apperr.NotFound {
			t.Errorf("draft visible by slug: %v", err)
		}

		// Illegal steps are refused and change nothing.
		illegal := map[string]func() error{
			"publish draft": func() error { return d.s.Publish(ctx, d.editor, id) },
			"correct draft": func() error { return d.s.Correct(ctx, d.editor, id, "note", "") },
			"retract draft": func() error { return d.s.Retract(ctx, d.editor, id, "reason") },
		}
		for name, f := range illegal {
			if err := f(); apperr.CodeOf(err) != apperr.Conflict {
				t.Errorf("%s: err = %v, want conflict", name, err)
			}
		}
		if b, _ := d.s.Get(ctx, id); b.Status != debunk.Draft || b.PublishedAt != nil || b.CorrectionNote != "" || b.RetractedAt != nil {
			t.Errorf("after refused steps: %+v", b)
		}

		// Editing a draft is a revision too.
		a.Title = "邕江大桥出现裂缝要塌了？假的"
		if _, err := d.s.Save(ctx, d.editor, *a); err != nil {
			t.Fatal(err)
		}
		if err := d.s.Submit(ctx, d.editor, id); err != nil {
			t.Fatal(err)
		}
		if err := d.s.Submit(ctx, d.editor, id); apperr.CodeOf(err) != apperr.Conflict {
			t.Errorf("submit twice: %v", err)
		}
		if n := d.count(`SELECT count(*) FROM outbox`); n != 0 {
			t.Errorf("outbox before publish: %d", n)
		}
		if err := d.s.Publish(ctx, d.editor, id); err != nil {
			t.Fatal(err)
		}
		a, _ = d.s.Get(ctx, id)
		if a.Status != debunk.Published || a.PublishedAt == nil {
			t.Fatalf("published = %+v", a)
		}
		if _, err := d.s.Save(ctx, d.editor, *a); apperr.CodeOf(err) != apperr.Conflict {
			t.Errorf("save of published: %v", err)
		}
		if err := d.s.Publish(ctx, d.editor, id); apperr.CodeOf(err) != apperr.Conflict {
			t.Errorf("publish twice: %v", err)
		}
		if n := d.count(`SELECT count(*) FROM rumor_debunks WHERE rumor_id = $1 AND article_id = $2 AND url = $3`, d.rumorID, id, "/articles/"+a.Slug); n != 1 {
			t.Errorf("rumor_debunks after publish: %d", n)
		}
		if got, err := d.s.BySlug(ctx, a.Slug); err != nil || got.ID != id {
			t.Errorf("by slug: %v %v", got, err)
		}

		if err := d.s.Correct(ctx, d.editor, id, "  ", ""); apperr.CodeOf(err) != apperr.Invalid {
			t.Errorf("correct without note: %v", err)
		}
		if err := d.s.Correct(ctx, d.editor, id, "更正了检测单位名称", "## 真相\n\n经市住建局委托第三方检测，结构安全。"); err != nil {
			t.Fatal(err)
		}
		a, _ = d.s.Get(ctx, id)
		if a.Status != debunk.Corrected || a.CorrectedAt == nil || a.CorrectionNote != "更正了检测单位名称" || !strings.Contains(string(a.BodyHTML), "第三方") {
			t.Errorf("corrected = %+v", a)
		}
		if list, total, _ := d.s.Public(ctx, debunk.ListFilter{}); total != 1 || len(list) != 1 {
			t.Errorf("public corrected: %d", total)
		}
		if err := d.s.Retract(ctx, d.editor, id, "核查结论有误，重新核实"); err != nil {
			t.Fatal(err)
		}
		if err := d.s.Correct(ctx, d.editor, id, "again", ""); apperr.CodeOf(err) != apperr.Conflict {
			t.Errorf("correct retracted: %v", err)
		}
		if err := d.s.Retract(ctx, d.editor, id, "again"); apperr.CodeOf(err) != apperr.Conflict {
			t.Errorf("retract twice: %v", err)
		}
		a, _ = d.s.Get(ctx, id)
		if a.Status != debunk.Retracted || a.RetractedAt == nil || a.RetractionReason != "核查结论有误，重新核实" || a.CorrectionNote == "" {
			t.Errorf("retracted = %+v", a)
		}
		if n := d.count(`SELECT count(*) FROM rumor_debunks WHERE article_id = $1`, id); n != 0 {
			t.Errorf("rumor_debunks after retract: %d", n)
		}
		if got, err := d.s.BySlug(ctx, a.Slug); err != nil || got.Status != debunk.Retracted {
			t.Errorf("retracted by slug: %v %v", got, err)
		}
		if _, total, _ := d.s.Public(ctx, debunk.ListFilter{}); total != 0 {
			t.Errorf("retracted in public list")
		}
		if _, total, _ := d.s.Public(ctx, debunk.ListFilter{IncludeRetracted: true}); total != 1 {
			t.Errorf("retracted missing with IncludeRetracted")
		}

		revs, err := d.s.Revisions(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		var states []string
		for _, r := range revs {
			states = append(states, r.Status)
		}
		if want := []string{"draft", "draft", "review", "published", "corrected", "retracted"}; !reflect.DeepEqual(states, want) {
			t.Errorf("revisions = %v, want %v", states, want)
		}
		if revs[1].Title != "邕江大桥出现裂缝要塌了？假的" || revs[4].Note != "更正了检测单位名称" {
			t.Errorf("revision contents: %+v", revs)
		}

		// Events: one per member with a webhook, in order, none to the
		// member without.
		corrID := revs[4].ID
		var want []outboxRow
		for _, ev := range []struct{ topic, key string }{
			{"article.published", fmt.Sprintf("article-%d-published", id)},
			{"article.corrected", fmt.Sprintf("article-%d-corrected-%d", id, corrID)},
			{"article.retracted", fmt.Sprintf("article-%d-retracted", id)},
		} {
			for _, u := range []int64{u1, u3} {
				want = append(want, outboxRow{ev.topic, fmt.Sprintf("%s-unit-%d", ev.key, u), debunk.UnitTarget(u)})
			}
		}
		if got := d.outbox(); !reflect.DeepEqual(got, want) {
			t.Errorf("outbox =\n%v\nwant\n%v", got, want)
		}
		if d.kicks != 3 {
			t.Errorf("kicks = %d", d.kicks)
		}
		if n := d.count(`SELECT count(*) FROM audit_log WHERE target = $1`, fmt.Sprintf("article:%d", id)); n != 6 {
			t.Errorf("audit entries = %d", n)
		}
		if last, err := d.s.LastChange(ctx); err != nil || last.IsZero() {
			t.Errorf("last change: %v %v", last, err)
		}
	})
}

func TestSaveValidation(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		d := newDesk(t, db)
		_, err := d.s.Save(ctx, d.editor, debunk.Article{Slug: "Bad Slug", Claims: []debunk.Claim{{Claim: "x", Verdict: "maybe"}},
			Sources: []debunk.Source{{Title: "x", URL: "javascript:alert(1)"}}})
		e, ok := apperr.As(err)
		if !ok || e.Code != apperr.Invalid {
			t.Fatalf("err = %v", err)
		}
		fields := map[string]bool{}
		for _, f := range e.Fields {
			fields[f.Field] = true
			if f.Zh == "" || f.En == "" {
				t.Errorf("field %s lacks a message", f.Field)
			}
		}
		for _, f := range []string{"title", "slug", "sources", "claims"} {
			if !fields[f] {
				t.Errorf("no error on %s: %v", f, e.Fields)
			}
		}
		if _, err := d.s.Save(ctx, d.admin, debunk.Article{Title: "x"}); apperr.CodeOf(err) != apperr.Forbidden {
			t.Errorf("admin saved an article: %v", err)
		}
		a := debunk.Article{Title: "t", Slug: "my-slug", Claims: []debunk.Claim{{Claim: "c", Verdict: "false"}}}
		if _, err := d.s.Save(ctx, d.editor, a); err != nil {
			t.Fatal(err)
		}
		if _, err := d.s.Save(ctx, d.editor, a); apperr.CodeOf(err) != apperr.Invalid {
			t.Errorf("duplicate slug: %v", err)
		}
	})
}

func TestPublicFilter(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		d := newDesk(t, db)
		first := d.publish("大桥裂缝谣言")
		second := d.publish("自来水污染谣言")
		d.article("草稿不公开")
		list, total, err := d.s.Public(ctx, debunk.ListFilter{})
		if err != nil || total != 2 || list[0].ID != second || list[1].ID != first {
			t.Fatalf("public = %v %d %v", list, total, err)
		}
		for _, c := range []struct {
			f    debunk.ListFilter
			want int
		}{
			{debunk.ListFilter{Tag: "桥梁"}, 2}, {debunk.ListFilter{Tag: "桥"}, 0}, {debunk.ListFilter{Region: "450102"}, 2},
			{debunk.ListFilter{Region: "450103"}, 0}, {debunk.ListFilter{Verdict: "rumor"}, 2}, {debunk.ListFilter{Verdict: "true"}, 0},
			{debunk.ListFilter{Q: "自来水"}, 1}, {debunk.ListFilter{Q: "马上要塌"}, 2}, {debunk.ListFilter{Q: "100%"}, 0},
			{debunk.ListFilter{Limit: 1, Offset: 1}, 2},
		} {
			list, total, err := d.s.Public(ctx, c.f)
			if err != nil || total != c.want {
				t.Errorf("%+v: total %d, want %d (%v)", c.f, total, c.want, err)
			}
			if c.f.Limit == 1 && (len(list) != 1 || list[0].ID != first) {
				t.Errorf("paging: %v", list)
			}
		}
		all, err := d.s.List(ctx, d.editor, "", 50, 0)
		if err != nil || len(all) != 3 {
			t.Errorf("editor list: %d %v", len(all), err)
		}
		drafts, _ := d.s.List(ctx, d.editor, debunk.Draft, 50, 0)
		if len(drafts) != 1 {
			t.Errorf("drafts: %d", len(drafts))
		}
	})
}
