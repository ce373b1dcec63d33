package api

import (
	"context"
	"sync"
	"time"

	"go.uber.org/zap"
)

// UsageReporter receives batches of served usage (the pool's workflow:
// billing and the operator's view). An error keeps the batch for the next
// try: usage is never dropped.
type UsageReporter func(ctx context.Context, requests, tokens int64) error

// MeteredGenerator counts the requests and tokens its Generator serves and
// reports them in batches, so the hot path never waits on the control plane.
type MeteredGenerator struct {
	Generator
	report UsageReporter
	every  time.Duration
	log    *zap.Logger

	mu               sync.Mutex
	requests, tokens int64
}

// NewMeteredGenerator wraps g; Run sends what it counted every interval
// (default 5 s).
func NewMeteredGenerator(g Generator, every time.Duration, report UsageReporter, log *zap.Logger) *MeteredGenerator {
	if every <= 0 {
		every = 5 * time.Second
	}
	return &MeteredGenerator{Generator: g, report: report, every: every, log: log}
}

// Generate implements Generator, counting each finished generation's tokens
// (prompt and completion) once its final event passes.
func (m *MeteredGenerator) Generate(ctx context.Context, req TokenRequest) (<-chan TokenEvent, error) {
	in, err := m.Generator.Generate(ctx, req)
	if err != nil {
		return nil, err
	}
	out := make(chan TokenEvent, cap(in))
	go func() {
		defer close(out)
		for ev := range in {
			m.count(ev)
			select {
			case out <- ev:
			case <-ctx.Done():
				for ev := range in { // the client left: still count what was served
					m.count(ev)
				}
				return
			}
		}
	}()
	return out, nil
}

func (m *MeteredGenerator) count(ev TokenEvent) {
	if !ev.Final || ev.Usage.TotalTokens == 0 {
		return
	}
	m.mu.Lock()
	m.requests++
	m.tokens += int64(ev.Usage.TotalTokens)
	m.mu.Unlock()
}

// Run reports every interval until ctx ends, then once more.
func (m *MeteredGenerator) Run(ctx context.Context) {
	t := time.NewTicker(m.every)
	defer t.Stop()
	for {
		select {
		case <-t.C:
			m.Flush(ctx)
		case <-ctx.Done():
			fctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
			m.Flush(fctx)
			cancel()
			return
		}
	}
}

// Flush reports what was counted since the last successful report.
func (m *MeteredGenerator) Flush(ctx context.Context) {
	m.mu.Lock()
	r, tk := m.requests, m.tokens
	m.mu.Unlock()
	if r == 0 {
		return
	}
	if err := m.report(ctx, r, tk); err != nil {
		m.log.Warn("reporting usage failed; kept for the next report", zap.Int64("requests", r), zap.Int64("tokens", tk), zap.Error(err))
		return
	}
	m.mu.Lock()
	m.requests -= r
	m.tokens -= tk
	m.mu.Unlock()
}
