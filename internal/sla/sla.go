// Package sla computes when each stage of a case is due, in working days
// of a holiday calendar (Beijing time: the center's working day).
package sla

import (
	"context"
	"fmt"
	"time"

	"qinglang/internal/i18n"
	"qinglang/internal/store"
)

// Stage is a step of the lifecycle with its own time limit.
type Stage string

const (
	Accept   Stage = "accept"   // submitted → accepted or refused
	Assess   Stage = "assess"   // accepted → disposal decided
	Notice   Stage = "notice"   // platform notice → platform's answer
	Feedback Stage = "feedback" // transfer → department's feedback
	Reply    Stage = "reply"    // submission → reply to the reporter
)

var stageLabels = map[Stage]i18n.Text{
	Accept:   {Zh: "受理", En: "Acceptance"},
	Assess:   {Zh: "研判", En: "Assessment"},
	Notice:   {Zh: "平台处置", En: "Platform action"},
	Feedback: {Zh: "部门反馈", En: "Department feedback"},
	Reply:    {Zh: "答复", En: "Reply"},
}

// Stages lists the stages in lifecycle order.
func Stages() []Stage { return []Stage{Accept, Assess, Notice, Feedback, Reply} }

// Label names the stage.
func (s Stage) Label() i18n.Text { return stageLabels[s] }

// Beijing is the center's time zone (China keeps no daylight saving time,
// so a fixed zone needs no tz database on the server).
var Beijing = time.FixedZone("CST", 8*3600)

// Policy is the working days allowed per stage and the calendar.
type Policy struct {
	Days     map[Stage]int
	Calendar Calendar
}

// Calendar marks the days that differ from a Monday-to-Friday week.
type Calendar struct {
	Holidays map[string]bool // YYYY-MM-DD off although a weekday
	Workdays map[string]bool // YYYY-MM-DD worked although a weekend (调休)
}

// IsWorkday reports whether the Beijing date of t is a working day.
func (c Calendar) IsWorkday(t time.Time) bool {
	d := t.In(Beijing)
	key := d.Format(time.DateOnly)
	if c.Workdays[key] {
		return true
	}
	if c.Holidays[key] {
		return false
	}
	return d.Weekday() != time.Saturday && d.Weekday() != time.Sunday
}

// AddWorkingDays returns the end (midnight, Beijing time) of the n-th
// working day after the day of from: a report of Friday morning with one
// working day to be accepted is due at the end of Monday.
func (c Calendar) AddWorkingDays(from time.Time, n int) time.Time {
	d := from.In(Beijing)
	day := time.Date(d.Year(), d.Month(), d.Day(), 0, 0, 0, 0, Beijing)
	for n > 0 {
		day = day.AddDate(0, 0, 1)
		if c.IsWorkday(day) {
			n--
		}
	}
	return day.AddDate(0, 0, 1).UTC()
}

// Due returns when stage is due if it starts at from.
func (p *Policy) Due(stage Stage, from time.Time) time.Time {
	return p.Calendar.AddWorkingDays(from, p.Days[stage])
}

// DueSoon is how close to its due time a case is flagged "due soon".
const DueSoon = 24 * time.Hour

// Load reads the policy from the database.
func Load(ctx context.Context, db *store.DB) (*Policy, error) {
	p := &Policy{Days: map[Stage]int{}, Calendar: Calendar{Holidays: map[string]bool{}, Workdays: map[string]bool{}}}
	rows, err := db.Read().QueryContext(ctx, `SELECT stage, days FROM sla_settings`)
	if err != nil {
		return nil, fmt.Errorf("sla: settings: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var s string
		var d int
		if err := rows.Scan(&s, &d); err != nil {
			return nil, err
		}
		p.Days[Stage(s)] = d
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	hrows, err := db.Read().QueryContext(ctx, `SELECT day, kind FROM holidays`)
	if err != nil {
		return nil, fmt.Errorf("sla: holidays: %w", err)
	}
	defer hrows.Close()
	for hrows.Next() {
		var day, kind string
		if err := hrows.Scan(&day, &kind); err != nil {
			return nil, err
		}
		if kind == "workday" {
			p.Calendar.Workdays[day] = true
		} else {
			p.Calendar.Holidays[day] = true
		}
	}
	return p, hrows.Err()
}
