package main

// TEMPORARY: replaced by demo.go and bench.go.

import "context"

func demo(ctx context.Context, args []string, getenv func(string) string) error  { return errUsage }
func bench(ctx context.Context, args []string, getenv func(string) string) error { return errUsage }
