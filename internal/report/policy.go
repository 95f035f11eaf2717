package report

import (
	"context"
	"sync"
	"time"

	"qinglang/internal/sla"
)

// policyCache keeps the SLA policy for a minute: it changes rarely (the
// admin edits it), and every submission and transition needs it.
type policyCache struct {
	mu     sync.Mutex
	p      *sla.Policy
	loaded time.Time
}

const policyTTL = time.Minute

func (s *Service) policy(ctx context.Context) (*sla.Policy, error) {
	s.sla.mu.Lock()
	defer s.sla.mu.Unlock()
	if s.sla.p != nil && time.Since(s.sla.loaded) < policyTTL {
		return s.sla.p, nil
	}
	p, err := sla.Load(ctx, s.db)
	if err != nil {
		return nil, err
	}
	s.sla.p, s.sla.loaded = p, time.Now()
	return p, nil
}

// ReloadSLA makes the next transition read the SLA policy afresh, after the
// admin changed it.
func (s *Service) ReloadSLA() {
	s.sla.mu.Lock()
	s.sla.p = nil
	s.sla.mu.Unlock()
}
