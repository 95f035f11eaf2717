package main

import (
	"bufio"
	"context"
	"database/sql"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"qinglang/internal/app"
	"qinglang/internal/auth"
	"qinglang/internal/config"
)

// user add --username U --role R [--name N] [--department CODE|--platform CODE|--unit CODE] [config flags]
// user passwd --username U [config flags]
// The password is read from standard input (one line), never from a flag,
// so it stays out of shell history and process lists.
func user(ctx context.Context, args []string, getenv func(string) string) error {
	if len(args) == 0 || (args[0] != "add" && args[0] != "passwd") {
		fmt.Println("qinglang user add --username U --role ROLE [--name NAME] [--department CODE | --platform CODE | --unit CODE] [flags]")
		fmt.Println("qinglang user passwd --username U [flags]")
		fmt.Println("The password (at least", auth.MinPassword, "characters) is read from standard input.")
		var roles []string
		for _, r := range auth.Roles() {
			roles = append(roles, string(r)+" "+r.Label().Zh)
		}
		fmt.Println("Roles:", strings.Join(roles, ", "))
		if len(args) > 0 && args[0] == "help" {
			return nil
		}
		return errUsage
	}
	fs := flag.NewFlagSet("user "+args[0], flag.ContinueOnError)
	username := fs.String("username", "", "account name")
	role := fs.String("role", "", "role")
	name := fs.String("name", "", "display name")
	dept := fs.String("department", "", "department code (dept_handler)")
	platform := fs.String("platform", "", "platform code (platform_liaison)")
	unit := fs.String("unit", "", "unit code (alliance_member)")
	rest, err := splitFlags(fs, args[1:])
	if err != nil {
		return err
	}
	cfg, err := config.Parse("user", rest, getenv)
	if err != nil {
		return err
	}
	password, err := readPassword(os.Stdin)
	if err != nil {
		return err
	}
	m, err := app.Open(ctx, cfg, app.NewLogger(os.Stderr, "warn"))
	if err != nil {
		return err
	}
	defer m.Close()
	if args[0] == "passwd" {
		if err := auth.SetPassword(ctx, m.DB, *username, password); err != nil {
			return err
		}
		fmt.Println("password changed for", *username)
		return nil
	}
	u := auth.NewUser{Username: *username, DisplayName: *name, Role: auth.Role(*role)}
	err = m.DB.Write(ctx, func(tx *sql.Tx) error {
		var err error
		if u.DepartmentID, err = idByCode(ctx, tx, "departments", *dept); err != nil {
			return err
		}
		if u.PlatformID, err = idByCode(ctx, tx, "platforms", *platform); err != nil {
			return err
		}
		if u.UnitID, err = idByCode(ctx, tx, "units", *unit); err != nil {
			return err
		}
		_, err = auth.CreateUser(ctx, tx, u, password, time.Now().UTC())
		return err
	})
	if err != nil {
		return err
	}
	fmt.Printf("user %s (%s) created\n", u.Username, u.Role)
	return nil
}

// splitFlags parses the command's own flags and returns the others for
// the configuration.
func splitFlags(fs *flag.FlagSet, args []string) ([]string, error) {
	var own, rest []string
	for i := 0; i < len(args); i++ {
		name := strings.TrimLeft(strings.SplitN(args[i], "=", 2)[0], "-")
		if fs.Lookup(name) == nil {
			rest = append(rest, args[i])
			if !strings.Contains(args[i], "=") && i+1 < len(args) && !strings.HasPrefix(args[i+1], "-") {
				i++
				rest = append(rest, args[i])
			}
			continue
		}
		own = append(own, args[i])
		if b, ok := fs.Lookup(name).Value.(interface{ IsBoolFlag() bool }); ok && b.IsBoolFlag() {
			continue // --json takes no value
		}
		if !strings.Contains(args[i], "=") && i+1 < len(args) {
			i++
			own = append(own, args[i])
		}
	}
	fs.SetOutput(io.Discard)
	return rest, fs.Parse(own)
}

func readPassword(r io.Reader) (string, error) {
	if f, ok := r.(*os.File); ok {
		if st, err := f.Stat(); err == nil && st.Mode()&os.ModeCharDevice != 0 {
			fmt.Fprint(os.Stderr, "password: ")
		}
	}
	line, err := bufio.NewReader(r).ReadString('\n')
	if err != nil && err != io.EOF {
		return "", err
	}
	pw := strings.TrimRight(line, "\r\n")
	if pw == "" {
		return "", fmt.Errorf("no password given on standard input")
	}
	return pw, nil
}

func idByCode(ctx context.Context, tx *sql.Tx, table, code string) (*int64, error) {
	if code == "" {
		return nil, nil
	}
	var id int64
	if err := tx.QueryRowContext(ctx, "SELECT id FROM "+table+" WHERE code = $1", code).Scan(&id); err != nil {
		return nil, fmt.Errorf("no %s with code %q", strings.TrimSuffix(table, "s"), code)
	}
	return &id, nil
}
