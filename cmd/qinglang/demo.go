package main

import (
	"context"
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"strings"

	"qinglang/internal/app"
	"qinglang/internal/config"
	"qinglang/internal/demo"
)

// demoFolder is where the demo lives unless --data or QINGLANG_DATA says
// otherwise: never the real data folder's default.
const demoFolder = "./qinglang-demo"

// demoCmd runs the platform on a fresh folder filled with demo data and
// prints the accounts to log in with.
func demoCmd(ctx context.Context, args []string, getenv func(string) string) error {
	cfg, err := config.Parse("demo", args, func(k string) string {
		if v := getenv(k); v != "" || k != "QINGLANG_DATA" {
			return v
		}
		return demoFolder
	})
	if err != nil {
		return err
	}
	if err := demo.PrepareFolder(cfg.DataDir); err != nil {
		return err
	}
	return serveWith(ctx, cfg, func(m *app.Main) error {
		fmt.Println("seeding demo data (Nanning, about 350 reports) …")
		// A fixed seed: every demo shows the same city, with dates relative to today.
		accounts, err := demo.Seed(ctx, demo.Target{DB: m.DB, Keys: m.Keys, Blobs: m.Blobs, TempDir: filepath.Join(cfg.DataDir, "spool")},
			rand.New(rand.NewPCG(2026, 530)))
		if err != nil {
			return err
		}
		// The matcher was built when the database was empty.
		if err := m.Rumors.Reload(ctx); err != nil {
			return err
		}
		printAccounts(accounts)
		keys, err := demo.PlatformKeys(ctx, demo.Target{DB: m.DB, Keys: m.Keys})
		if err != nil {
			return err
		}
		printPlatformKeys(keys)
		return nil
	})
}

// printAccounts shows every account once; the passwords are not stored
// anywhere else in clear.
func printAccounts(accounts demo.Accounts) {
	rows := [][]string{{"用户名 username", "角色 role", "范围 scope", "密码 password"}}
	for _, a := range accounts {
		l := a.Role.Label()
		rows = append(rows, []string{a.Username, l.Zh + " " + l.En, a.Scope, a.Password})
	}
	width := make([]int, len(rows[0]))
	for _, r := range rows {
		for i, c := range r {
			width[i] = max(width[i], displayWidth(c))
		}
	}
	fmt.Println("\n演示账号 Demo accounts (passwords are shown only now):")
	for _, r := range rows {
		var b strings.Builder
		for i, c := range r {
			b.WriteString("  " + c + strings.Repeat(" ", width[i]-displayWidth(c)))
		}
		fmt.Println(strings.TrimRight(b.String(), " "))
	}
}

// displayWidth counts CJK characters as two columns, as terminals show them.
func displayWidth(s string) int {
	n := 0
	for _, r := range s {
		n++
		if r >= 0x1100 && (r <= 0x115f || r >= 0x2e80 && r <= 0xa4cf || r >= 0xac00 && r <= 0xd7a3 || r >= 0xf900 && r <= 0xfaff || r >= 0xfe30 && r <= 0xfe4f || r >= 0xff00 && r <= 0xff60 || r >= 0xffe0 && r <= 0xffe6) {
			n++
		}
	}
	return n
}

// printPlatformKeys shows the demo platforms' API keys once, with how to
// call the platform API with one.
func printPlatformKeys(keys []demo.PlatformKey) {
	fmt.Println("\n合作平台接口密钥 Partner platform API keys (shown only now; Authorization: Bearer <key>):")
	for _, k := range keys {
		fmt.Printf("  %-16s %s  %s\n", k.Platform, k.Key, k.Name)
	}
	if len(keys) > 0 {
		fmt.Printf("  e.g. curl -H 'Authorization: Bearer %s' <base>/api/v1/platform/notices\n", keys[0].Key)
	}
}
