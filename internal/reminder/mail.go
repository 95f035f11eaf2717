package reminder

import (
	"context"
	"crypto/tls"
	"database/sql"
	"encoding/base64"
	"fmt"
	"mime"
	"net"
	"net/mail"
	"net/smtp"
	"strings"
	"time"
)

// SMTP is the mail server reminders go out through.
type SMTP struct {
	Addr     string // host:port
	From     string // sender address, e.g. qinglang@example.gov.cn
	User     string // empty: no authentication
	Password string
}

// mailWindow bounds how far back unsent e-mails are retried: a reminder
// of last week is noise, and a server configured late must not send the
// whole backlog.
const mailWindow = 24 * time.Hour

// mail sends the e-mails of unread reminders not sent yet. Each is claimed
// before it is sent, so two workers never send the same one, and released
// again when sending fails, so the next round retries it.
func (w *Worker) mail(ctx context.Context, now time.Time) error {
	rows, err := w.DB.Read().QueryContext(ctx, `SELECT n.id, n.text, u.email FROM notifications n JOIN users u ON u.id = n.user_id
		WHERE n.emailed_at IS NULL AND n.read_at IS NULL AND u.email != '' AND NOT u.disabled AND n.created_at > $1
		ORDER BY n.id LIMIT 500`, now.Add(-mailWindow))
	if err != nil {
		return fmt.Errorf("reminder: mail: %w", err)
	}
	type pending struct {
		id       int64
		text, to string
	}
	var todo []pending
	for rows.Next() {
		var p pending
		if err := rows.Scan(&p.id, &p.text, &p.to); err != nil {
			rows.Close()
			return fmt.Errorf("reminder: mail: %w", err)
		}
		todo = append(todo, p)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	for _, p := range todo {
		if n, err := w.exec(ctx, `UPDATE notifications SET emailed_at = $1 WHERE id = $2 AND emailed_at IS NULL`, now, p.id); err != nil || n == 0 {
			continue // another worker has it, or the next round will
		}
		if err := w.Mail.Send(p.to, "清朗提醒："+p.text, w.body(p.text)); err != nil {
			w.Log.Warn("reminder e-mail not sent; retrying next round", "notification", p.id, "err", err)
			if _, err := w.exec(ctx, `UPDATE notifications SET emailed_at = NULL WHERE id = $1`, p.id); err != nil {
				return err
			}
		}
	}
	return nil
}

func (w *Worker) body(text string) string {
	where := "清朗工作台"
	if w.BaseURL != "" {
		where += " " + w.BaseURL + "/"
	}
	return text + "\r\n\r\n请登录" + where + "查看和处理。\r\n（本邮件由系统自动发送，请勿回复。）\r\n"
}

func (w *Worker) exec(ctx context.Context, q string, args ...any) (n int64, err error) {
	err = w.DB.Write(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, q, args...)
		if err == nil {
			n, err = res.RowsAffected()
		}
		return err
	})
	return n, err
}

// Send delivers one plain-text message. It upgrades to TLS when the
// server offers STARTTLS and authenticates only when a user is set
// (net/smtp refuses to send a password in the clear except to localhost).
func (m SMTP) Send(to, subject, body string) error {
	from, err := mail.ParseAddress(m.From)
	if err != nil {
		return fmt.Errorf("reminder: sender: %w", err)
	}
	rcpt, err := mail.ParseAddress(to)
	if err != nil {
		return fmt.Errorf("reminder: recipient: %w", err)
	}
	host, _, err := net.SplitHostPort(m.Addr)
	if err != nil {
		return fmt.Errorf("reminder: smtp address: %w", err)
	}
	conn, err := net.DialTimeout("tcp", m.Addr, 10*time.Second)
	if err != nil {
		return fmt.Errorf("reminder: smtp: %w", err)
	}
	conn.SetDeadline(time.Now().Add(time.Minute))
	c, err := smtp.NewClient(conn, host)
	if err != nil {
		conn.Close()
		return fmt.Errorf("reminder: smtp: %w", err)
	}
	defer c.Close()
	if ok, _ := c.Extension("STARTTLS"); ok {
		if err := c.StartTLS(&tls.Config{ServerName: host}); err != nil {
			return fmt.Errorf("reminder: starttls: %w", err)
		}
	}
	if m.User != "" {
		if err := c.Auth(smtp.PlainAuth("", m.User, m.Password, host)); err != nil {
			return fmt.Errorf("reminder: smtp auth: %w", err)
		}
	}
	if err := c.Mail(from.Address); err != nil {
		return fmt.Errorf("reminder: smtp: %w", err)
	}
	if err := c.Rcpt(rcpt.Address); err != nil {
		return fmt.Errorf("reminder: smtp: %w", err)
	}
	wc, err := c.Data()
	if err != nil {
		return fmt.Errorf("reminder: smtp: %w", err)
	}
	if _, err := wc.Write(message(from, rcpt, subject, body)); err != nil {
		return fmt.Errorf("reminder: smtp: %w", err)
	}
	if err := wc.Close(); err != nil {
		return fmt.Errorf("reminder: smtp: %w", err)
	}
	return c.Quit()
}

// message builds the RFC 5322 text: the Chinese subject as an encoded
// word, the body in base64 so no server needs 8BITMIME.
func message(from, to *mail.Address, subject, body string) []byte {
	var b strings.Builder
	fmt.Fprintf(&b, "From: %s\r\nTo: %s\r\nSubject: %s\r\nDate: %s\r\n", from, to,
		mime.BEncoding.Encode("utf-8", subject), time.Now().Format(time.RFC1123Z))
	b.WriteString("MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: base64\r\n\r\n")
	enc := base64.StdEncoding.EncodeToString([]byte(body))
	for len(enc) > 76 {
		b.WriteString(enc[:76] + "\r\n")
		enc = enc[76:]
	}
	b.WriteString(enc + "\r\n")
	return []byte(b.String())
}
