package demo

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
)

// Marker is the file that tells a folder was made by qinglang demo and may
// be wiped by the next demo run.
const Marker = "DEMO"

// PrepareFolder makes dir an empty demo folder. The demo starts fresh on
// every run, so it deletes what a previous run left; it deletes nothing
// else: a folder that is neither empty nor marked is refused, since a
// mistyped --data must not wipe a real center's data.
func PrepareFolder(dir string) error {
	entries, err := os.ReadDir(dir)
	if err != nil && !errors.Is(err, os.ErrNotExist) {
		return fmt.Errorf("demo: %w", err)
	}
	if len(entries) > 0 {
		if _, err := os.Stat(filepath.Join(dir, Marker)); err != nil {
			return fmt.Errorf("demo: %s is not empty and was not made by qinglang demo (no %s file in it); "+
				"the demo wipes its folder on every start, so give it an empty or new folder with --data", dir, Marker)
		}
		if err := os.RemoveAll(dir); err != nil {
			return fmt.Errorf("demo: clear %s: %w", dir, err)
		}
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return fmt.Errorf("demo: %w", err)
	}
	note := "This folder was made by `qinglang demo` and is deleted and made again on every demo start.\n" +
		"本目录由 qinglang demo 创建，每次启动演示时都会被清空重建。\n"
	return os.WriteFile(filepath.Join(dir, Marker), []byte(note), 0o600)
}
