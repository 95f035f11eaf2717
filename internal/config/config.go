// Package config holds qinglang's settings: one table of options with their
// defaults, read from flags and QINGLANG_* environment variables.
package config

import (
	"errors"
	"flag"
	"fmt"
	"net"
	"net/mail"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"
)

// Config is the resolved configuration of one process.
type Config struct {
	Addr            string
	DataDir         string
	DatabaseURL     string
	Durability      string // "normal" or "full"
	SecretKey       string // hex or base64 of 32 bytes; empty: key file in DataDir
	MaxUploadBytes  int64
	RatePerMinute   int
	RateBurst       int
	TrackFailures   int // wrong secrets per client per 15 minutes before throttling
	PowBits         int
	TrustedProxies  []string
	BaseURL         string
	LogLevel        string
	ShutdownTimeout time.Duration
	// SMTP sends reminder e-mails; an empty SMTPAddr sends none.
	SMTPAddr, SMTPFrom, SMTPUser, SMTPPassword string
	// AlertWebhook receives early warnings, signed with AlertSecret.
	AlertWebhook, AlertSecret string
	// The early-warning rule: AlertMin new members of a cluster within
	// AlertWindow, and AlertFactor times its pace over the day before.
	AlertWindow time.Duration
	AlertMin    int
	AlertFactor int
}

// option is one row of the table: it binds a flag and an environment
// variable to a field, with a default and a validation.
type option struct {
	name, env, def, help string
	set                  func(c *Config, v string) error
}

var options = []option{
	{"addr", "QINGLANG_ADDR", "127.0.0.1:8080", "listen address", func(c *Config, v string) error { c.Addr = v; return nil }},
	{"data", "QINGLANG_DATA", "./qinglang-data", "data folder (SQLite file, evidence files, key file)", func(c *Config, v string) error { c.DataDir = v; return nil }},
	{"db", "QINGLANG_DB", "", "database URL: empty for SQLite in the data folder, sqlite:PATH, or postgres://…", func(c *Config, v string) error { c.DatabaseURL = v; return nil }},
	{"durability", "QINGLANG_DURABILITY", "normal", "normal: a report survives a killed process; full: every commit is synced to disk and survives a power loss", func(c *Config, v string) error {
		if v != "normal" && v != "full" {
			return errors.New("must be normal or full")
		}
		c.Durability = v
		return nil
	}},
	{"secret-key", "QINGLANG_SECRET_KEY", "", "32-byte key (hex or base64) that encrypts personal data; empty: a key file made in the data folder on first run (also QINGLANG_SECRET_KEY_FILE)", func(c *Config, v string) error { c.SecretKey = v; return nil }},
	{"max-upload-mb", "QINGLANG_MAX_UPLOAD_MB", "20", "largest evidence file in MB", intSetter(1, 1024, func(c *Config, n int) { c.MaxUploadBytes = int64(n) << 20 })},
	{"rate-limit", "QINGLANG_RATE_LIMIT", "60", "public requests per minute per client (0 disables)", intSetter(0, 1<<30, func(c *Config, n int) { c.RatePerMinute = n })},
	{"rate-burst", "QINGLANG_RATE_BURST", "20", "requests a client may make at once before the per-minute rate applies", intSetter(1, 1<<30, func(c *Config, n int) { c.RateBurst = n })},
	{"track-failures", "QINGLANG_TRACK_FAILURES", "10", "wrong tracking secrets per client per 15 minutes before further tries are refused", intSetter(1, 10000, func(c *Config, n int) { c.TrackFailures = n })},
	{"pow-bits", "QINGLANG_POW_BITS", "17", "proof-of-work difficulty of the web report form in leading zero bits (0 disables the work)", intSetter(0, 28, func(c *Config, n int) { c.PowBits = n })},
	{"trusted-proxies", "QINGLANG_TRUSTED_PROXIES", "", "comma-separated proxy addresses or CIDRs whose X-Forwarded-For is believed", func(c *Config, v string) error {
		c.TrustedProxies = nil
		for _, p := range strings.Split(v, ",") {
			if p = strings.TrimSpace(p); p != "" {
				c.TrustedProxies = append(c.TrustedProxies, p)
			}
		}
		return nil
	}},
	{"base-url", "QINGLANG_BASE_URL", "", "public address of the site, used in links (empty: from the request)", func(c *Config, v string) error { c.BaseURL = strings.TrimRight(v, "/"); return nil }},
	{"smtp-addr", "QINGLANG_SMTP_ADDR", "", "mail server (host:port) for reminder e-mails; empty sends none (STARTTLS is used when offered)", func(c *Config, v string) error {
		if _, _, err := net.SplitHostPort(v); v != "" && err != nil {
			return errors.New("must be host:port")
		}
		c.SMTPAddr = v
		return nil
	}},
	{"smtp-from", "QINGLANG_SMTP_FROM", "", "sender of reminder e-mails, e-mail address or \"Name <address>\"", func(c *Config, v string) error {
		if _, err := mail.ParseAddress(v); v != "" && err != nil {
			return errors.New("must be an e-mail address")
		}
		c.SMTPFrom = v
		return nil
	}},
	{"smtp-user", "QINGLANG_SMTP_USER", "", "user name for the mail server; empty: no authentication", func(c *Config, v string) error { c.SMTPUser = v; return nil }},
	// No flag: a password on the command line shows in process lists.
	{"", "QINGLANG_SMTP_PASSWORD", "", "password for the mail server, from the environment only (also QINGLANG_SMTP_PASSWORD_FILE)", func(c *Config, v string) error { c.SMTPPassword = v; return nil }},
	{"alert-webhook", "QINGLANG_ALERT_WEBHOOK", "", "URL that receives rumor early warnings as signed webhooks (see /docs/webhooks); empty sends none", func(c *Config, v string) error {
		if v != "" && !strings.HasPrefix(v, "https://") && !strings.HasPrefix(v, "http://") {
			return errors.New("must be an http(s) URL")
		}
		c.AlertWebhook = v
		return nil
	}},
	{"alert-window", "QINGLANG_ALERT_WINDOW", "60", "early warning: the sliding window in minutes", intSetter(5, 7*24*60, func(c *Config, n int) { c.AlertWindow = time.Duration(n) * time.Minute })},
	{"alert-min", "QINGLANG_ALERT_MIN", "5", "early warning: new reports or items of one cluster within the window", intSetter(2, 100000, func(c *Config, n int) { c.AlertMin = n })},
	{"alert-factor", "QINGLANG_ALERT_FACTOR", "3", "early warning: times the cluster's usual pace over the previous day", intSetter(1, 1000, func(c *Config, n int) { c.AlertFactor = n })},
	{"", "QINGLANG_ALERT_WEBHOOK_SECRET", "", "signing secret of the alert webhook, from the environment only (also _FILE)", func(c *Config, v string) error { c.AlertSecret = v; return nil }},
	{"log-level", "QINGLANG_LOG_LEVEL", "info", "debug, info, warn or error", func(c *Config, v string) error {
		switch v {
		case "debug", "info", "warn", "error":
			c.LogLevel = v
			return nil
		}
		return errors.New("must be debug, info, warn or error")
	}},
}

// secretEnv are the variables that may also name a file holding the
// value (VAR_FILE), as container secrets are mounted.
var secretEnv = map[string]bool{"QINGLANG_SECRET_KEY": true, "QINGLANG_SMTP_PASSWORD": true, "QINGLANG_ALERT_WEBHOOK_SECRET": true}

func intSetter(min, max int, set func(*Config, int)) func(*Config, string) error {
	return func(c *Config, v string) error {
		n, err := strconv.Atoi(strings.TrimSpace(v))
		if err != nil || n < min || n > max {
			return fmt.Errorf("must be a whole number from %d to %d", min, max)
		}
		set(c, n)
		return nil
	}
}

// Default returns the configuration with every default applied.
func Default() *Config {
	c := &Config{ShutdownTimeout: 15 * time.Second}
	for _, o := range options {
		if err := o.set(c, o.def); err != nil {
			panic("config: bad default for " + o.name)
		}
	}
	return c
}

// Parse reads environment variables, then flags (flags win).
func Parse(name string, args []string, getenv func(string) string) (*Config, error) {
	c := Default()
	for _, o := range options {
		v := getenv(o.env)
		if secretEnv[o.env] && v == "" {
			if f := getenv(o.env + "_FILE"); f != "" {
				b, err := os.ReadFile(f)
				if err != nil {
					return nil, fmt.Errorf("config: %s_FILE: %w", o.env, err)
				}
				v = strings.TrimSpace(string(b))
			}
		}
		if v == "" {
			continue
		}
		if err := o.set(c, v); err != nil {
			return nil, fmt.Errorf("config: %s=%q: %v", o.env, v, err)
		}
	}
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(new(strings.Builder))
	for _, o := range options {
		if o.name == "" {
			continue
		}
		fs.Func(o.name, o.help, func(v string) error { return o.set(c, v) })
	}
	if err := fs.Parse(args); err != nil {
		return nil, fmt.Errorf("config: %w", err)
	}
	if fs.NArg() > 0 {
		return nil, fmt.Errorf("config: unexpected argument %q", fs.Arg(0))
	}
	if c.SMTPAddr != "" && c.SMTPFrom == "" {
		return nil, errors.New("config: --smtp-addr needs --smtp-from (QINGLANG_SMTP_FROM)")
	}
	return c, nil
}

// Database returns the database URL, defaulting to an SQLite file in the data folder.
func (c *Config) Database() string {
	if c.DatabaseURL != "" {
		return c.DatabaseURL
	}
	return "sqlite:" + filepath.Join(c.DataDir, "qinglang.db")
}

// Help writes the table of options, as `qinglang help` shows it.
func Help() string {
	var b strings.Builder
	for _, o := range options {
		def := o.def
		if def == "" {
			def = `""`
		}
		flag := "--" + o.name
		if o.name == "" {
			flag = "(no flag)"
		}
		fmt.Fprintf(&b, "  %-18s %-26s default %s\n      %s\n", flag, o.env, def, o.help)
	}
	return b.String()
}
