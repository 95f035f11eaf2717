package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"

	"qinglang/internal/audit"
	"qinglang/internal/config"
	"qinglang/internal/store"
)

// audit verify [config flags]: recompute the whole hash chain of the audit
// log. It opens the database directly, without migrating or starting
// anything, so it can run against a copy or next to a live server.
func auditCmd(ctx context.Context, args []string, getenv func(string) string) error {
	return auditVerify(ctx, args, getenv, os.Stdout)
}

func auditVerify(ctx context.Context, args []string, getenv func(string) string, out io.Writer) error {
	if len(args) == 0 || args[0] != "verify" {
		fmt.Fprintln(out, "qinglang audit verify [flags]   check that no audit entry was changed or removed")
		if len(args) > 0 && args[0] == "help" {
			return nil
		}
		return errUsage
	}
	cfg, err := config.Parse("audit verify", args[1:], getenv)
	if err != nil {
		return err
	}
	db, err := store.Open(ctx, cfg.Database(), store.Options{})
	if err != nil {
		return err
	}
	defer db.Close()
	res, err := audit.Verify(ctx, db)
	var broken *audit.Broken
	if errors.As(err, &broken) {
		fmt.Fprintf(out, "audit log BROKEN at entry %d: %s\n", broken.ID, broken.Reason)
		return fmt.Errorf("audit log broken at entry %d", broken.ID)
	}
	if err != nil {
		return err
	}
	head := res.Head
	if head == "" {
		head = "(empty log)"
	}
	fmt.Fprintf(out, "audit log OK: %d entries, head %s\n", res.Entries, head)
	return nil
}
