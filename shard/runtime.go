// Package shard runs one pipeline stage: a contiguous slice of a model's
// layers with a KV cache slot per sequence it is serving. Several sequences
// advance in one step (their projections batched, their attention each over
// its own cache), so a stage serving many requests reads its weights once
// per step, not once per request.
package shard

import (
	"errors"
	"fmt"
	"sync"

	"github.com/gomlx/gomlx/pkg/core/graph"
	"github.com/gomlx/gomlx/pkg/core/tensors"
	"go.uber.org/zap"

	"github.com/computepool/computepool/model"
)

// Options size a runtime.
type Options struct {
	// Slots is how many sequences the stage holds at once (default 8).
	Slots int
	// Capacity is the KV cache length per slot, in tokens (default 2048).
	Capacity int
	// ChunkSize is the most tokens of one sequence processed per step during
	// prefill (default 64); longer prompts are prefilled in chunks.
	ChunkSize int
}

func (o *Options) setDefaults() {
	if o.Slots <= 0 {
		o.Slots = 8
	}
	if o.Capacity <= 0 {
		o.Capacity = 2048
	}
	if o.ChunkSize <= 0 {
		o.ChunkSize = 64
	}
}

// ErrNoFreeSlot means every slot holds a sequence: the caller should wait
// for one to be released (backpressure).
var ErrNoFreeSlot = errors.New("all KV slots are in use")

// Runtime is a loaded stage ready to run steps. It is safe for concurrent
// use; steps run one at a time. Slot calls (Acquire, Release, Length) never
// wait for a step: a stage's network side takes slots for new prompts while
// a long prefill runs, and must keep answering its peers meanwhile.
type Runtime struct {
	Model *model.Model
	opts  Options
	log   *zap.Logger

	// stepMu is held by Forward and Close: one step at a time. It guards
	// the compiled graphs and each slot's caches and logits.
	stepMu  sync.Mutex
	exec    *graph.Exec
	weights []*tensors.Tensor

	// mu guards each slot's inUse, gen and length; held briefly, never
	// across a step's compute.
	mu    sync.Mutex
	slots []slot

	testHookCompute func() // tests: called in each step before the compute
}

type slot struct {
	inUse bool
	// gen counts acquisitions: a step whose slot was released meanwhile
	// (gen moved on) drops that sequence's results.
	gen    uint64
	length int               // tokens already in the cache
	caches []*tensors.Tensor // per layer K then V; nil until first use
	// logits is the last stage's output buffer, reused every step: a fresh
	// vocabulary-sized array per step costs more in page faults than the
	// copy itself (26 ms per batch-8 step on this VM).
	logits []float32
}

// New prepares a runtime over a loaded model.
func New(m *model.Model, opts Options, log *zap.Logger) (*Runtime, error) {
	opts.setDefaults()
	if opts.ChunkSize > opts.Capacity {
		opts.ChunkSize = opts.Capacity
	}
	exec, err := graph.NewExec(m.Backend, m.StepGraph)
	if err != nil {
		return nil, fmt.Errorf("creating step executor: %w", err)
	}
	// One graph per (batch size, chunk bucket); bound it generously.
	exec.SetMaxCache(opts.Slots * 16)
	return &Runtime{Model: m, opts: opts, log: log, exec: exec, weights: m.Flat(), slots: make([]slot, opts.Slots)}, nil
}

// Options returns the runtime's effective options.
func (r *Runtime) Options() Options { return r.opts }

// Acquire reserves a free slot for a new sequence.
func (r *Runtime) Acquire() (int, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	for i := range r.slots {
		if !r.slots[i].inUse {
			r.slots[i].inUse = true
			r.slots[i].gen++
			r.slots[i].length = 0
			return i, nil
		}
	}
	return 0, ErrNoFreeSlot
}

// Release frees a slot. The cache memory is kept for the next sequence:
// stale entries are never visible because attention masks positions >= length.
// Released during a step that uses it, the slot gets that step's caches back
// but not its tokens.
func (r *Runtime) Release(id int) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if id >= 0 && id < len(r.slots) {
		r.slots[id].inUse = false
		r.slots[id].length = 0
	}
}

// Length is the number of tokens cached in a slot.
func (r *Runtime) Length(id int) int {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.slots[id].length
}

// Close releases the caches and compiled graphs (not the model's weights).
func (r *Runtime) Close() {
	r.stepMu.Lock()
	defer r.stepMu.Unlock()
	r.mu.Lock()
	defer r.mu.Unlock()
	for i := range r.slots {
		r.freeCaches(i)
	}
	r.exec.Finalize()
}

func (r *Runtime) freeCaches(id int) {
	for _, t := range r.slots[id].caches {
		if t != nil {
			t.FinalizeAll()
		}
	}
	r.slots[id].caches = nil
}

// Input is one sequence's new tokens for a step: token ids on the first
// stage, hidden states (len = n × hidden_size) on the others.
type Input struct {
	Slot   int
	Tokens []int32
	Hidden []float32
}

func (in Input) numTokens(hidden int) int {
	if in.Tokens != nil {
		return len(in.Tokens)
	}
	return len(in.Hidden) / hidden
}

// Output is one sequence's result: hidden states for every new token (not
// the last stage), or the logits after its last new token (the last stage).
// Logits is the slot's own buffer: it is valid until the slot's next Forward.
type Output struct {
	Hidden []float32
	Logits []float32
}
