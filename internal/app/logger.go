package app

import (
	"io"
	"log/slog"
)

// NewLogger makes the process's logger: text lines, snake_case keys.
func NewLogger(w io.Writer, level string) *slog.Logger {
	var l slog.Level
	l.UnmarshalText([]byte(level))
	return slog.New(slog.NewTextHandler(w, &slog.HandlerOptions{Level: l}))
}
