package reminder_test

import (
	"bufio"
	"encoding/base64"
	"io"
	"mime"
	"net"
	"net/mail"
	"strings"
	"testing"
	"time"

	"qinglang/internal/reminder"
	"qinglang/internal/store/storetest"
)

// smtpSink is a minimal SMTP server: it greets, answers EHLO without
// extensions (so no STARTTLS and no AUTH), and hands each message's
// recipient and data to the channel.
func smtpSink(t *testing.T) (addr string, got chan [2]string) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ln.Close() })
	got = make(chan [2]string, 10)
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			go serveSMTP(c, got)
		}
	}()
	return ln.Addr().String(), got
}

func serveSMTP(c net.Conn, got chan<- [2]string) {
	defer c.Close()
	r := bufio.NewReader(c)
	say := func(s string) { io.WriteString(c, s+"\r\n") }
	say("220 sink ready")
	var rcpt string
	for {
		line, err := r.ReadString('\n')
		if err != nil {
			return
		}
		cmd := strings.ToUpper(strings.TrimSpace(line))
		switch {
		case strings.HasPrefix(cmd, "EHLO"), strings.HasPrefix(cmd, "HELO"):
			say("250 sink")
		case strings.HasPrefix(cmd, "MAIL"):
			say("250 ok")
		case strings.HasPrefix(cmd, "RCPT"):
			rcpt = strings.TrimSpace(line[len("RCPT TO:"):])
			say("250 ok")
		case cmd == "DATA":
			say("354 go ahead")
			var data strings.Builder
			for {
				l, err := r.ReadString('\n')
				if err != nil {
					return
				}
				if l == ".\r\n" {
					break
				}
				data.WriteString(strings.TrimPrefix(l, "."))
			}
			got <- [2]string{rcpt, data.String()}
			say("250 queued")
		case cmd == "QUIT":
			say("221 bye")
			return
		default:
			say("250 ok")
		}
	}
}

func TestEmail(t *testing.T) {
	db := storetest.SQLite(t)
	f := newFixture(t, db)
	addr, got := smtpSink(t)
	f.exec(`UPDATE users SET email = 'an2@example.gov.cn' WHERE username = 'an2'`)
	id, code := f.newCase()
	f.exec(`UPDATE reports SET status = 'assessing', assignee_id = $1, stage_due_at = $2 WHERE id = $3`, f.users["an2"], now.Add(-time.Hour), id)

	// A server that is down: the e-mail stays owed.
	dead, _ := net.Listen("tcp", "127.0.0.1:0")
	dead.Close()
	f.worker.Mail = reminder.SMTP{Addr: dead.Addr().String(), From: "清朗平台 <qinglang@example.gov.cn>"}
	f.run(1)
	var owed int
	db.Read().QueryRow(`SELECT count(*) FROM notifications WHERE emailed_at IS NULL`).Scan(&owed)
	if owed != 1 {
		t.Fatalf("owed e-mails after a failure: %d", owed)
	}

	f.worker.Mail.Addr = addr
	f.run(2)
	var msg [2]string
	select {
	case msg = <-got:
	case <-time.After(5 * time.Second):
		t.Fatal("no e-mail arrived")
	}
	if msg[0] != "<an2@example.gov.cn>" {
		t.Errorf("recipient %s", msg[0])
	}
	m, err := mail.ReadMessage(strings.NewReader(msg[1]))
	if err != nil {
		t.Fatal(err)
	}
	raw := m.Header.Get("Subject")
	subject, _ := new(mime.WordDecoder).DecodeHeader(raw)
	want := "清朗提醒：案件 " + code + " 研判已超期（应于 11月27日 09:00 前）"
	if !strings.HasPrefix(raw, "=?utf-8?b?") || subject != want {
		t.Errorf("subject %q → %q, want %q", raw, subject, want)
	}
	body, _ := io.ReadAll(base64.NewDecoder(base64.StdEncoding, m.Body))
	if !strings.Contains(string(body), "案件 "+code+" 研判已超期") || !strings.Contains(string(body), "请登录清朗工作台") {
		t.Errorf("body %q", body)
	}
	if from, _ := new(mime.WordDecoder).DecodeHeader(m.Header.Get("From")); from != "清朗平台 <qinglang@example.gov.cn>" {
		t.Errorf("from %q", from)
	}
	db.Read().QueryRow(`SELECT count(*) FROM notifications WHERE emailed_at IS NULL`).Scan(&owed)
	select {
	case extra := <-got:
		t.Errorf("sent twice: %v", extra)
	case <-time.After(100 * time.Millisecond):
	}
	if owed != 0 {
		t.Errorf("e-mail not marked sent")
	}
}
