package activities

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"time"

	"go.temporal.io/sdk/activity"
	"go.temporal.io/sdk/temporal"
	"go.uber.org/zap"

	"github.com/computepool/computepool/sample"
)

// ShardTaskQueue is the task queue of one shard host: load and unload run
// there, on the machine that holds the weights.
func ShardTaskQueue(nodeID string) string { return "computepool-shard/" + nodeID }

// LoadRequest asks a shard host to load layers [LayerStart, LayerEnd) of Model for Pool.
type LoadRequest struct {
	Pool       string `json:"pool"`
	NodeID     string `json:"nodeId"`
	Model      string `json:"model"` // the model directory or name the host resolves
	LayerStart int    `json:"layerStart"`
	LayerEnd   int    `json:"layerEnd"`
	// Next is the AXL peer id of the stage after this one (the last
	// stage's is the first's), when the pool's nodes registered peer ids:
	// a shard process serving the pool sends its output there.
	Next string `json:"next,omitempty"`
	// Arithmetic, when set, is what the pool's other nodes compute
	// (backend.Arithmetic): a host that computes otherwise refuses to load,
	// since its honest answers would not hash as theirs.
	Arithmetic string `json:"arithmetic,omitempty"`
}

// LoadResult reports what the host holds.
type LoadResult struct {
	NodeID        string `json:"nodeId"`
	AlreadyLoaded bool   `json:"alreadyLoaded,omitempty"`
	// Rewired: only the next stage changed, and the loader moved it
	// without reloading the weights (Rewirer).
	Rewired bool  `json:"rewired,omitempty"`
	Millis  int64 `json:"millis"`
	// Arithmetic the host computes ("" if its loader does not say).
	Arithmetic string `json:"arithmetic,omitempty"`
}

// Arithmetician is a Loader that names the bits its backend computes
// (backend.Arithmetic): steps are verified only between hosts of the same
// arithmetic, so that an honest host's answer hashes as the verifier's.
type Arithmetician interface {
	Arithmetic() string
}

// ErrArithmeticMismatch: this host computes other bits than the pool's
// nodes; it must not serve or verify the pool's steps.
const ErrArithmeticMismatch = "ArithmeticMismatch"

// checkArithmetic refuses a request for another arithmetic than the
// loader's; "" on either side checks nothing (loaders that do not say, pools
// that have none yet).
func (s *Shard) checkArithmetic(who, pool, want string) (string, error) {
	a, ok := s.Loader.(Arithmetician)
	if !ok {
		return "", nil
	}
	have := a.Arithmetic()
	if want != "" && have != want {
		return have, temporal.NewNonRetryableApplicationError(fmt.Sprintf(
			"%s computes %q but pool %q's nodes compute %q: honest results would not hash alike "+
				"(run this host's shard with the pool's backend, e.g. --backend cpu for cpu/dot=f32)", who, have, pool, want),
			ErrArithmeticMismatch, nil)
	}
	return have, nil
}

// Loader is what a shard host does to hold a pool's layers: model.Load of a
// range onto its backend (workers.ModelLoader) in production, anything that
// loads and frees in tests. Load must be idempotent for the same request.
type Loader interface {
	Load(ctx context.Context, req LoadRequest, progress func(string)) error
	Unload(ctx context.Context, pool string) error
}

// Rewirer is a Loader that can point a loaded stage at another next stage
// without reloading its weights (a neighbour was replaced).
type Rewirer interface {
	Rewire(ctx context.Context, req LoadRequest) error
}

// Holder is a Loader that says what it holds for a pool. A loader that
// serves one pool at a time (one stage per process) drops a pool when it
// loads another, or loses a stage when a rewire fails: Shard asks it rather
// than trusting its own bookkeeping.
type Holder interface {
	Holds(pool string) (LoadRequest, bool)
}

// Shard runs load/unload on this host, heartbeating while loading so that a
// dead host is noticed within the heartbeat timeout, not the load timeout.
type Shard struct {
	Loader Loader
	Log    *zap.Logger

	mu     sync.Mutex
	loaded map[string]LoadRequest // pool → what is loaded
}

// LoadShard loads the request's layers unless they are already loaded here.
func (s *Shard) LoadShard(ctx context.Context, req LoadRequest) (LoadResult, error) {
	arith, err := s.checkArithmetic("node "+req.NodeID, req.Pool, req.Arithmetic)
	if err != nil {
		return LoadResult{}, err
	}
	have, ok := s.held(req.Pool)
	if ok && sameStage(have, req) {
		return LoadResult{NodeID: req.NodeID, AlreadyLoaded: true, Arithmetic: arith}, nil
	}
	if rw, can := s.Loader.(Rewirer); ok && can && sameButNext(have, req) {
		err := rw.Rewire(ctx, req)
		if err == nil {
			s.remember(req)
			s.Log.Info("shard rewired", zap.String("pool", req.Pool), zap.String("node", req.NodeID), zap.String("next", req.Next))
			return LoadResult{NodeID: req.NodeID, Rewired: true, Arithmetic: arith}, nil
		}
		s.Log.Warn("rewire failed: reloading", zap.String("pool", req.Pool), zap.String("node", req.NodeID), zap.Error(err))
	}
	// From here on the pool's old layers are gone, whatever happens to the
	// new ones: a failed load leaves nothing loaded.
	s.forget(req.Pool)
	if ok { // another range of the same pool: free it first
		if err := s.Loader.Unload(ctx, req.Pool); err != nil {
			return LoadResult{}, fmt.Errorf("node %s: free pool %q's old layers: %w", req.NodeID, req.Pool, err)
		}
	}
	start := time.Now()
	stop := make(chan struct{})
	defer close(stop)
	last := "starting"
	var lmu sync.Mutex
	go func() { // heartbeat even while a single tensor read blocks
		t := time.NewTicker(time.Second)
		defer t.Stop()
		for {
			select {
			case <-stop:
				return
			case <-t.C:
				lmu.Lock()
				p := last
				lmu.Unlock()
				activity.RecordHeartbeat(ctx, p)
			}
		}
	}()
	progress := func(p string) {
		lmu.Lock()
		last = p
		lmu.Unlock()
	}
	if err := s.Loader.Load(ctx, req, progress); err != nil {
		return LoadResult{}, fmt.Errorf("node %s: load %s layers %d:%d for pool %q: %w", req.NodeID, req.Model, req.LayerStart, req.LayerEnd, req.Pool, err)
	}
	s.remember(req)
	ms := time.Since(start).Milliseconds()
	s.Log.Info("shard loaded", zap.String("pool", req.Pool), zap.String("node", req.NodeID), zap.Int64("ms", ms))
	return LoadResult{NodeID: req.NodeID, Millis: ms, Arithmetic: arith}, nil
}

// held: what this host holds for the pool (the loader's word when it is a
// Holder).
func (s *Shard) held(pool string) (LoadRequest, bool) {
	if h, ok := s.Loader.(Holder); ok {
		r, ok := h.Holds(pool)
		if !ok {
			s.forget(pool)
		}
		return r, ok
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	r, ok := s.loaded[pool]
	return r, ok
}

func (s *Shard) remember(req LoadRequest) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.loaded == nil {
		s.loaded = map[string]LoadRequest{}
	}
	s.loaded[req.Pool] = req
}

func (s *Shard) forget(pool string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	delete(s.loaded, pool)
}

// sameStage: the requests name the same stage (the pool's arithmetic,
// learnt after a first load, is a check, not part of the stage).
func sameStage(a, b LoadRequest) bool {
	a.Arithmetic = b.Arithmetic
	return a == b
}

// sameButNext: the requests differ at most in their next stage.
func sameButNext(a, b LoadRequest) bool {
	a.Next = b.Next
	return sameStage(a, b)
}

// UnloadShard frees the pool's layers on this host (nothing to do is success).
func (s *Shard) UnloadShard(ctx context.Context, pool string) error {
	if err := s.Loader.Unload(ctx, pool); err != nil {
		return fmt.Errorf("unload pool %q: %w", pool, err)
	}
	s.forget(pool)
	return nil
}

// Health is a shard host's heartbeat: answering at all is the heartbeat
// (the pool workflow counts a probe that times out as missed); Loaded says
// whether the host still holds the pool's layers, LayerStart/LayerEnd which
// (the workflow reloads a node whose host holds another range).
type Health struct {
	Pool   string `json:"pool"`
	Loaded bool   `json:"loaded"`
	// Layers held for the pool, when loaded.
	LayerStart int `json:"layerStart,omitempty"`
	LayerEnd   int `json:"layerEnd,omitempty"`
}

// ShardHealth answers the pool workflow's health probe.
func (s *Shard) ShardHealth(_ context.Context, pool string) (Health, error) {
	h := Health{Pool: pool}
	if r, ok := s.held(pool); ok {
		h.Loaded, h.LayerStart, h.LayerEnd = true, r.LayerStart, r.LayerEnd
	}
	return h, nil
}

// StepSample is one pipeline step sampled for verification: what node
// NodeID was given (InputHash, the input itself stored at InputRef: token
// ids for a first stage, a hidden state otherwise) and what it answered
// (OutputHash), over its layers [LayerStart, LayerEnd). Hashes are 0x
// keccak256 of the raw little-endian bytes.
type StepSample struct {
	NodeID     string `json:"nodeId"`
	RequestID  string `json:"requestId"`
	Position   int    `json:"position"`
	LayerStart int    `json:"layerStart"`
	LayerEnd   int    `json:"layerEnd"`
	InputRef   string `json:"inputRef"`
	InputHash  string `json:"inputHash"`
	OutputHash string `json:"outputHash"`
	// PromptLen, when set, is the request's prompt length: the verifier
	// replays the step as it was served (the prompt's prefill, then one
	// decode step per position) rather than one prefill of the whole input.
	PromptLen int `json:"promptLen,omitempty"`
	// Output says what OutputHash covers: "" the stage's hidden states (or
	// the last stage's logits), OutputToken the token the last stage
	// sampled after Position (its logits are seen by nobody downstream).
	Output string `json:"output,omitempty"`
	// Wire "bf16": the hidden states were hashed as the next stage
	// received them, rounded to bf16.
	Wire string `json:"wire,omitempty"`
	// OutputToken samples: the request's sampling parameters and the ids
	// [0, Position] the sampler saw (a float32 .npy at ContextRef).
	Sampling    *sample.Params `json:"sampling,omitempty"`
	ContextRef  string         `json:"contextRef,omitempty"`
	ContextHash string         `json:"contextHash,omitempty"`
}

// OutputToken is StepSample.Output of a last stage's sampled token.
const OutputToken = "token"

// RecomputeRequest asks another host to recompute a sampled step.
type RecomputeRequest struct {
	Pool   string     `json:"pool"`
	Model  string     `json:"model"`
	Sample StepSample `json:"sample"`
	// Arithmetic the accused node computes (the pool's); a verifier of
	// another arithmetic refuses, so no honest node is slashed for it.
	Arithmetic string `json:"arithmetic,omitempty"`
}

// RecomputeResult is the verifier's answer.
type RecomputeResult struct {
	OutputHash string `json:"outputHash"`
}

// Recomputer is what a host that can verify steps implements next to
// Loader: run the sampled step's layers on the stored input and hash the
// output (deterministic kernels: the same bytes on every honest host).
type Recomputer interface {
	Recompute(ctx context.Context, req RecomputeRequest) (outputHash string, err error)
}

// ErrCannotRecompute: this host's loader does not verify steps.
const ErrCannotRecompute = "CannotRecompute"

// RecomputeStep runs a sampled step again on this host (the verifier).
func (s *Shard) RecomputeStep(ctx context.Context, req RecomputeRequest) (RecomputeResult, error) {
	rc, ok := s.Loader.(Recomputer)
	if !ok {
		return RecomputeResult{}, temporal.NewNonRetryableApplicationError("this host cannot recompute steps", ErrCannotRecompute, nil)
	}
	if _, err := s.checkArithmetic("this verifier", req.Pool, req.Arithmetic); err != nil {
		return RecomputeResult{}, err
	}
	h, err := rc.Recompute(ctx, req)
	if err != nil {
		msg := fmt.Sprintf("recompute step %s@%d of pool %q (layers %d:%d)", req.Sample.RequestID,
			req.Sample.Position, req.Pool, req.Sample.LayerStart, req.Sample.LayerEnd)
		var ae *temporal.ApplicationError
		if errors.As(err, &ae) && ae.NonRetryable() { // keep its type and that it is final
			return RecomputeResult{}, temporal.NewNonRetryableApplicationError(msg+": "+ae.Error(), ae.Type(), err)
		}
		return RecomputeResult{}, fmt.Errorf("%s: %w", msg, err)
	}
	return RecomputeResult{OutputHash: h}, nil
}
