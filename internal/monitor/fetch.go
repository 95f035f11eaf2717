package monitor

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"strings"
	"syscall"
	"time"
	"unicode/utf8"
)

const (
	// fetchTimeout bounds one poll, connection to last byte: a hanging
	// site costs this much, not the round.
	fetchTimeout = 15 * time.Second
	// maxFeedBytes bounds a feed body; real feeds are far smaller, and a
	// site serving a video at the feed address must not fill memory.
	maxFeedBytes = 5 << 20
)

// fetched is a feed's answer.
type fetched struct {
	notModified        bool
	body               []byte
	contentType        string
	etag, lastModified string
}

// pollError is a failure with the short text editors see on the feed.
type pollError struct{ msg string }

func (e *pollError) Error() string { return e.msg }

func failf(format string, args ...any) error { return &pollError{fmt.Sprintf(format, args...)} }

// describe turns any poll failure into the text stored on the feed.
func describe(err error) string {
	var pe *pollError
	if errors.As(err, &pe) {
		return clip(pe.msg, 200)
	}
	return clip("错误: "+err.Error(), 200)
}

func (s *Service) client() *http.Client {
	if s.Client != nil {
		return s.Client
	}
	return &http.Client{Timeout: fetchTimeout}
}

// fetch asks for the feed with the validators of the last good answer,
// so an unchanged feed costs a 304 and no parsing.
func (s *Service) fetch(ctx context.Context, f claimed) (fetched, error) {
	ctx, cancel := context.WithTimeout(ctx, fetchTimeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, f.url, nil)
	if err != nil {
		return fetched{}, failf("地址无效: %v", err)
	}
	req.Header.Set("User-Agent", "qinglang-monitor/1.0")
	req.Header.Set("Accept", "application/rss+xml, application/atom+xml, application/rdf+xml, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5")
	if f.etag != "" {
		req.Header.Set("If-None-Match", f.etag)
	}
	if f.lastModified != "" {
		req.Header.Set("If-Modified-Since", f.lastModified)
	}
	resp, err := s.client().Do(req)
	if err != nil {
		return fetched{}, failf("连接失败: %s", netReason(err))
	}
	defer resp.Body.Close()
	switch {
	case resp.StatusCode == http.StatusNotModified:
		return fetched{notModified: true}, nil
	case resp.StatusCode != http.StatusOK:
		return fetched{}, failf("HTTP %d", resp.StatusCode)
	}
	body, err := io.ReadAll(io.LimitReader(resp.Body, maxFeedBytes+1))
	if err != nil {
		return fetched{}, failf("连接失败: 读取内容时中断（%s）", netReason(err))
	}
	if len(body) > maxFeedBytes {
		return fetched{}, failf("内容超过 %d MB", maxFeedBytes>>20)
	}
	return fetched{body: body, contentType: resp.Header.Get("Content-Type"),
		etag: resp.Header.Get("ETag"), lastModified: resp.Header.Get("Last-Modified")}, nil
}

// netReason says in a few words why a connection failed; the Go error
// text names internals editors cannot act on.
func netReason(err error) string {
	var dns *net.DNSError
	var ne net.Error
	switch {
	case errors.Is(err, context.DeadlineExceeded), errors.As(err, &ne) && ne.Timeout():
		return "超时"
	case errors.As(err, &dns):
		return "域名无法解析（" + dns.Name + "）"
	case errors.Is(err, syscall.ECONNREFUSED):
		return "连接被拒绝"
	case errors.Is(err, syscall.ECONNRESET):
		return "连接被重置"
	case strings.Contains(err.Error(), "certificate"):
		return "证书无效"
	case strings.Contains(err.Error(), "stopped after"):
		return "重定向次数过多"
	}
	return err.Error()
}

// clip shortens s to at most n characters.
func clip(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return string(r[:n-1]) + "…"
}
