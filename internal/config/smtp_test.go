package config

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestSMTPOptions(t *testing.T) {
	pwFile := filepath.Join(t.TempDir(), "pw")
	os.WriteFile(pwFile, []byte("s3cret\n"), 0o600)
	env := map[string]string{"QINGLANG_SMTP_PASSWORD_FILE": pwFile, "QINGLANG_SMTP_USER": "bot"}
	c, err := Parse("serve", []string{"--smtp-addr", "mail.example.gov.cn:587", "--smtp-from", "清朗 <qinglang@example.gov.cn>"}, func(k string) string { return env[k] })
	if err != nil {
		t.Fatal(err)
	}
	if c.SMTPAddr != "mail.example.gov.cn:587" || c.SMTPUser != "bot" || c.SMTPPassword != "s3cret" || c.SMTPFrom == "" {
		t.Errorf("%+v", c)
	}
	for _, args := range [][]string{{"--smtp-addr", "nohost"}, {"--smtp-from", "not an address"}, {"--smtp-addr", "h:25"}, {"--smtp-password", "x"}} {
		if _, err := Parse("serve", args, func(string) string { return "" }); err == nil {
			t.Errorf("%v accepted", args)
		}
	}
	if h := Help(); !strings.Contains(h, "--smtp-addr") || !strings.Contains(h, "(no flag)          QINGLANG_SMTP_PASSWORD") {
		t.Errorf("help:\n%s", h)
	}
}
