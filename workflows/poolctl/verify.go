package poolctl

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync/atomic"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"go.uber.org/zap"

	"github.com/computepool/computepool/activities"
	"github.com/computepool/computepool/internal/npy"
	"github.com/computepool/computepool/pipeline"
	"github.com/computepool/computepool/workers"
	"github.com/computepool/computepool/workflows/pool"
)

// StepReporterConfig configures a StepReporter.
type StepReporterConfig struct {
	Controller *Controller
	// Pool names the pool the witnessed steps belong to (a shard process
	// knows it once a pool's load reached it); "" drops the step.
	Pool func() string
	// Dir is where witnesses store sampled inputs (InputRef is a file://
	// path in it): every party of the pool and every verifier must see the
	// same files — one host, or a shared filesystem.
	Dir string
	// Queue bounds the records waiting for the disk and the steps waiting
	// for submission (default 256 each); past it records are dropped.
	Queue int
	// InputWait: how long a step's output witness waits for the input
	// witness's file (another process) before giving up (default 2 min).
	InputWait time.Duration
	// BusyWait: how long a submission retries while the pool runs another
	// operation (another verification; default 5 min).
	BusyWait time.Duration
	Log      *zap.Logger
}

// StepReporter takes the witness records of sampled steps from the hot
// path (Report never blocks), stores inputs under Dir and, for each
// output it witnessed, waits for the matching input, then submits the step
// to the pool's workflow (report_wrong_result), which recomputes it on
// another node and slashes on a different output. One submission at a
// time: the workflow verifies one step at a time anyway.
type StepReporter struct {
	cfg     StepReporterConfig
	records chan pipeline.Witness
	steps   chan pipeline.Witness

	received, dropped, written, submitted, agreed, evidence, failed atomic.Uint64
}

// NewStepReporter checks the configuration and creates Dir.
func NewStepReporter(cfg StepReporterConfig) (*StepReporter, error) {
	if cfg.Controller == nil || cfg.Pool == nil || cfg.Dir == "" {
		return nil, errors.New("step reporter: needs a controller, a pool and a directory")
	}
	if err := os.MkdirAll(cfg.Dir, 0o755); err != nil {
		return nil, fmt.Errorf("step reporter: %w", err)
	}
	if cfg.Queue <= 0 {
		cfg.Queue = 256
	}
	if cfg.InputWait <= 0 {
		cfg.InputWait = 2 * time.Minute
	}
	if cfg.BusyWait <= 0 {
		cfg.BusyWait = 5 * time.Minute
	}
	if cfg.Log == nil {
		cfg.Log = zap.NewNop()
	}
	return &StepReporter{cfg: cfg, records: make(chan pipeline.Witness, cfg.Queue), steps: make(chan pipeline.Witness, cfg.Queue)}, nil
}

// Report implements pipeline.Verify.Report: it queues the record, or drops
// it when the queue is full (false).
func (r *StepReporter) Report(w pipeline.Witness) bool {
	r.received.Add(1)
	select {
	case r.records <- w:
		return true
	default:
		r.dropped.Add(1)
		return false
	}
}

// ReporterStats are a StepReporter's counters.
type ReporterStats struct {
	// Received witness records; Dropped for a full queue; Written inputs;
	// Submitted steps; Agreed: the verifier's hash was the witnessed one;
	// Evidence: it was not (the node is slashed); Failed: not submitted or
	// not verified (no input, unknown node, the workflow refused).
	Received, Dropped, Written, Submitted, Agreed, Evidence, Failed uint64
}

// Stats returns the counters.
func (r *StepReporter) Stats() ReporterStats {
	return ReporterStats{Received: r.received.Load(), Dropped: r.dropped.Load(), Written: r.written.Load(),
		Submitted: r.submitted.Load(), Agreed: r.agreed.Load(), Evidence: r.evidence.Load(), Failed: r.failed.Load()}
}

// Run stores records and submits steps until ctx ends.
func (r *StepReporter) Run(ctx context.Context) {
	go r.submitLoop(ctx)
	for {
		select {
		case <-ctx.Done():
			return
		case w := <-r.records:
			if err := r.store(w); err != nil {
				r.failed.Add(1)
				r.cfg.Log.Warn("storing a sampled step failed", zap.String("request", reqID(w)), zap.Error(err))
			}
		}
	}
}

func reqID(w pipeline.Witness) string { return fmt.Sprintf("%016x", w.Request) }

// path names a step's file: request, position and accused peer, the same
// for every party of the pool.
func (r *StepReporter) path(w pipeline.Witness, kind string) string {
	peer := string(w.Accused)
	if len(peer) > 16 {
		peer = peer[:16]
	}
	return filepath.Join(r.cfg.Dir, fmt.Sprintf("%s-%d-%s.%s.npy", reqID(w), w.Position, peer, kind))
}

// store writes an input record's file; an output record goes to the
// submitter (with its context file for a token).
func (r *StepReporter) store(w pipeline.Witness) error {
	if w.Input {
		if err := writeNpy(r.path(w, "in"), w.Data, w.Width); err != nil {
			return err
		}
		r.written.Add(1)
		return nil
	}
	if w.Width == 0 && w.Context != nil {
		c := make([]float32, len(w.Context))
		for i, x := range w.Context {
			c[i] = float32(x)
		}
		if err := writeNpy(r.path(w, "ctx"), c, 0); err != nil {
			return err
		}
	}
	select {
	case r.steps <- w:
	default:
		r.dropped.Add(1)
	}
	return nil
}

// writeNpy writes atomically (a reader never sees half a file).
func writeNpy(path string, data []float32, width int) error {
	tmp := path + ".tmp"
	var err error
	if width > 0 {
		err = npy.WriteFloat32(tmp, data, len(data)/width, width)
	} else {
		err = npy.WriteFloat32(tmp, data, len(data))
	}
	if err != nil {
		return fmt.Errorf("write %s: %w", tmp, err)
	}
	if err := os.Rename(tmp, path); err != nil {
		return fmt.Errorf("store %s: %w", path, err)
	}
	return nil
}

func (r *StepReporter) submitLoop(ctx context.Context) {
	for {
		select {
		case <-ctx.Done():
			return
		case w := <-r.steps:
			if err := r.submit(ctx, w); err != nil {
				r.failed.Add(1)
				if ctx.Err() == nil {
					r.cfg.Log.Warn("sampled step not verified", zap.String("request", reqID(w)), zap.Int("position", w.Position),
						zap.String("accused", w.Accused.Short()), zap.Error(err))
				}
			}
		}
	}
}

// submit pairs an output with its input and has the pool's workflow verify
// the step.
func (r *StepReporter) submit(ctx context.Context, w pipeline.Witness) error {
	name := r.cfg.Pool()
	if name == "" {
		return errors.New("no pool")
	}
	in := r.path(w, "in")
	data, err := waitFile(ctx, in, r.cfg.InputWait)
	if err != nil {
		return fmt.Errorf("the step's input: %w", err)
	}
	snap, err := r.cfg.Controller.Snapshot(ctx, name)
	if err != nil {
		return err
	}
	i := slices.IndexFunc(snap.State.Nodes, func(n pool.Node) bool { return n.PeerID == string(w.Accused) })
	if i < 0 {
		return fmt.Errorf("no node of pool %q has peer id %s", name, w.Accused)
	}
	s := activities.StepSample{NodeID: snap.State.Nodes[i].ID, RequestID: reqID(w), Position: w.Position,
		InputRef: "file://" + in, InputHash: workers.HashFloat32(data), PromptLen: w.PromptLen}
	if w.Width == 0 { // the token the last stage sampled after Position
		s.Output, s.Sampling, s.OutputHash = activities.OutputToken, w.Sampling, workers.HashFloat32(w.Data)
		c := make([]float32, len(w.Context))
		for i, x := range w.Context {
			c[i] = float32(x)
		}
		s.ContextRef, s.ContextHash = "file://"+r.path(w, "ctx"), workers.HashFloat32(c)
	} else {
		s.OutputHash = workers.HashFloat32(w.Data)
		if w.Wire == pipeline.DTypeBF16 {
			s.Wire = "bf16"
		}
	}
	st, err := r.reportRetrying(ctx, name, s)
	if err != nil {
		return err
	}
	r.submitted.Add(1)
	if slices.ContainsFunc(st.Evidence, func(e pool.EvidenceRecord) bool {
		return e.Evidence.Sample != nil && e.Evidence.Sample.RequestID == s.RequestID && e.Evidence.Sample.Position == s.Position && e.Evidence.NodeID == s.NodeID
	}) {
		r.evidence.Add(1)
		r.cfg.Log.Warn("sampled step disagreed: evidence recorded", zap.String("node", s.NodeID), zap.String("request", s.RequestID), zap.Int("position", s.Position))
		return nil // the files are the evidence's input: kept
	}
	r.agreed.Add(1)
	os.Remove(in) // verified: nobody needs the input any more
	if s.ContextRef != "" {
		os.Remove(r.path(w, "ctx"))
	}
	return nil
}

// reportRetrying submits while the pool is busy with another operation
// (another step's verification, a load), for up to BusyWait.
func (r *StepReporter) reportRetrying(ctx context.Context, name string, s activities.StepSample) (pool.State, error) {
	deadline := time.Now().Add(r.cfg.BusyWait)
	wait := 200 * time.Millisecond
	for {
		st, err := r.cfg.Controller.ReportWrongResult(ctx, name, s)
		if err == nil || !strings.Contains(err.Error(), pool.ErrBusy.Error()) || time.Now().After(deadline) {
			return st, err
		}
		select {
		case <-ctx.Done():
			return st, ctx.Err()
		case <-time.After(wait):
		}
		wait = min(2*wait, 2*time.Second)
	}
}

// waitFile reads a float32 .npy once it exists.
func waitFile(ctx context.Context, path string, limit time.Duration) ([]float32, error) {
	deadline := time.Now().Add(limit)
	for {
		data, _, err := npy.ReadFloat32(path)
		if err == nil {
			return data, nil
		}
		if !errors.Is(err, os.ErrNotExist) || time.Now().After(deadline) {
			return nil, err
		}
		select {
		case <-ctx.Done():
			return nil, ctx.Err()
		case <-time.After(50 * time.Millisecond):
		}
	}
}

// Collector exports the counters as computepool_verify_steps_total{outcome}.
func (r *StepReporter) Collector() prometheus.Collector { return reporterCollector{r} }

type reporterCollector struct{ r *StepReporter }

var reporterDesc = prometheus.NewDesc("computepool_verify_steps_total",
	"Sampled steps by outcome: received (witness records), dropped (queue full), written (inputs stored), submitted, agreed, evidence (disagreed: slashed), failed.",
	[]string{"outcome"}, nil)

// Describe implements prometheus.Collector.
func (reporterCollector) Describe(ch chan<- *prometheus.Desc) { ch <- reporterDesc }

// Collect implements prometheus.Collector.
func (c reporterCollector) Collect(ch chan<- prometheus.Metric) {
	s := c.r.Stats()
	for _, v := range []struct {
		k string
		n uint64
	}{{"received", s.Received}, {"dropped", s.Dropped}, {"written", s.Written}, {"submitted", s.Submitted},
		{"agreed", s.Agreed}, {"evidence", s.Evidence}, {"failed", s.Failed}} {
		ch <- prometheus.MustNewConstMetric(reporterDesc, prometheus.CounterValue, float64(v.n), v.k)
	}
}
