package pipeline

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"sync"
	"sync/atomic"
	"time"

	"go.uber.org/zap"

	"github.com/computepool/computepool/axl"
	"github.com/computepool/computepool/sample"
	"github.com/computepool/computepool/shard"
)

// StageConfig wires one stage.
type StageConfig struct {
	// Index is the stage's place in the pipeline (0 = first), for errors.
	Index   int
	Runtime *shard.Runtime
	Node    *axl.Node
	// Next is the following stage's peer; the last stage's Next is the
	// first stage, where sampled tokens go for the next step.
	Next axl.PeerID
	// Wire is the dtype of hidden states on the wire: f32 (default, exact)
	// or bf16 (half the bytes).
	Wire DType
	// IdleTimeout frees the slot of a request silent this long (its head is
	// gone); default 5 minutes.
	IdleTimeout time.Duration
	// SendTimeout bounds one send to the next stage; default 10 s.
	SendTimeout time.Duration
	// BatchWindow bounds how long a step lets a burst of inputs gather
	// (tokens coming back from the last stage, hidden states from the
	// previous one; up to 2 ms between arrivals, see awaitBatch) so they
	// share the step instead of each running a smaller one; default 5 ms,
	// negative: no wait. A step never waits once every request it holds
	// has an input.
	BatchWindow time.Duration
	// Gather makes the first stage wait, before a step, until every
	// request it holds has its next input (for at most twice its last
	// step's time), so the requests go round the pipeline as one batch
	// rather than as groups taking turns. For stages that share cores (one
	// process, one host), where the turns only halve each step's batch;
	// stages on separate hosts should leave it off: there the turns keep
	// every stage busy.
	Gather bool
	// MaxPending bounds the prompts the first stage holds while every slot
	// is busy; default 4 × slots. Past it a prompt is refused as busy.
	MaxPending int
	// Verify samples steps of this stage's neighbours for verification
	// (verify.go): the hidden states it receives witness the previous
	// stage's output, those it sends the next stage's input.
	Verify Verify
	// Perturb, when set, changes every hidden state the stage sends, in
	// place: a dishonest stage, for tests of the verification only.
	Perturb func(hidden []float32)
	Log     *zap.Logger
}

// StageStats are a stage's counters.
type StageStats struct {
	Active  int    // requests holding a KV slot
	Pending int    // prompts waiting for a slot (first stage)
	Steps   uint64 // Forward calls
	Batched uint64 // sequences over all steps (Batched/Steps = mean batch)
	Tokens  uint64 // tokens sampled (last stage)
	// Malformed counts frames that did not decode or did not fit the stage.
	Malformed uint64
	// Stale counts frames for requests the stage no longer holds.
	Stale  uint64
	Errors uint64 // error frames sent
	// ComputeNanos is time spent in Forward; CodecNanos in encoding and
	// decoding frames (the per-token overhead that is neither compute nor
	// network).
	ComputeNanos, CodecNanos uint64
	// Verify counts the witness records of sampled steps.
	Verify VerifyStats
}

// Stage runs one layer slice as a pipeline stage over an AXL node.
type Stage struct {
	cfg   StageConfig
	log   *zap.Logger
	first bool
	last  bool
	width int
	// witness records sampled requests' hidden states (nil: sampling off).
	witness *witnessBook

	mu      sync.Mutex
	reqs    map[uint64]*stageReq
	order   []uint64 // requests in arrival order (fair batching)
	pending []*Frame // prompts waiting for a slot (first stage)
	wake    chan struct{}

	steps, batched, tokens, malformed, stale, errs atomic.Uint64
	computeNanos, codecNanos                       atomic.Uint64
	lastStep                                       atomic.Int64 // nanoseconds of the last Forward

	ctx    context.Context
	cancel context.CancelFunc
	done   chan struct{}
}

type stageReq struct {
	id       uint64
	slot     int
	spec     *Spec
	specMeta []byte // forwarded with the first hidden frame
	work     []work // inputs waiting for a step, in order
	touched  time.Time
	// verifyAt is the request's sampled position, -1 when not sampled.
	verifyAt int
	// inStep: the step loop is running this request; a reset then only
	// marks it dropped and the loop frees the slot after the step (a slot
	// released mid-step would fail the whole batch).
	inStep, dropped bool

	// last stage
	sampler   *sample.Sampler
	seen      []int32
	generated int
}

type work struct {
	seq       uint32
	pos       int
	tokens    []int32
	hidden    []float32
	lastChunk bool
}

// NewStage starts serving: it installs itself as the node's handler.
func NewStage(cfg StageConfig) (*Stage, error) {
	if cfg.Runtime == nil || cfg.Node == nil {
		return nil, errors.New("pipeline: a stage needs a runtime and a node")
	}
	if _, err := axl.ParsePeerID(string(cfg.Next)); err != nil {
		return nil, fmt.Errorf("pipeline: next stage: %w", err)
	}
	if cfg.Wire == DTypeNone {
		cfg.Wire = DTypeF32
	}
	if cfg.Wire != DTypeF32 && cfg.Wire != DTypeBF16 {
		return nil, fmt.Errorf("pipeline: wire dtype must be f32 or bf16")
	}
	if cfg.IdleTimeout <= 0 {
		cfg.IdleTimeout = 5 * time.Minute
	}
	if cfg.BatchWindow == 0 {
		cfg.BatchWindow = 5 * time.Millisecond
	}
	if cfg.SendTimeout <= 0 {
		cfg.SendTimeout = 10 * time.Second
	}
	if cfg.MaxPending <= 0 {
		cfg.MaxPending = 4 * cfg.Runtime.Options().Slots
	}
	if cfg.Log == nil {
		cfg.Log = zap.NewNop()
	}
	r := cfg.Runtime.Model.Range
	ctx, cancel := context.WithCancel(context.Background())
	s := &Stage{
		cfg: cfg, log: cfg.Log.With(zap.Int("stage", cfg.Index), zap.Stringer("layers", r)),
		first: r.IsFirst(), last: r.IsLast(cfg.Runtime.Model.Config), width: cfg.Runtime.Model.Config.HiddenSize,
		reqs: map[uint64]*stageReq{}, wake: make(chan struct{}, 1), witness: newWitnessBook(cfg.Verify),
		ctx: ctx, cancel: cancel, done: make(chan struct{}),
	}
	cfg.Node.Handle(s.receive)
	go s.loop()
	go s.warmNext()
	return s, nil
}

// Close stops the step loop and frees every slot.
func (s *Stage) Close() {
	s.cancel()
	<-s.done
	s.mu.Lock()
	defer s.mu.Unlock()
	for id := range s.reqs {
		s.dropLocked(id)
	}
}

// Stats returns the stage's counters.
func (s *Stage) Stats() StageStats {
	s.mu.Lock()
	active, pending := len(s.reqs), len(s.pending)
	s.mu.Unlock()
	return StageStats{Active: active, Pending: pending, Steps: s.steps.Load(), Batched: s.batched.Load(),
		Tokens: s.tokens.Load(), Malformed: s.malformed.Load(), Stale: s.stale.Load(), Errors: s.errs.Load(),
		ComputeNanos: s.computeNanos.Load(), CodecNanos: s.codecNanos.Load(), Verify: s.witness.stats()}
}

// warmNext dials the next stage while the stage is idle, so the first
// hidden state or token sent mid-generation does not wait for Yggdrasil to
// find a path (which a new mesh can take longer than SendTimeout to do). A
// failed dial is only a cold start: Send dials again.
func (s *Stage) warmNext() {
	ctx, cancel := context.WithTimeout(s.ctx, time.Minute)
	defer cancel()
	if err := s.cfg.Node.Connect(ctx, s.cfg.Next); err != nil && s.ctx.Err() == nil {
		s.log.Info("next stage not reachable yet", zap.String("next", s.cfg.Next.Short()), zap.Error(err))
	}
}

// receive handles one message from the node (a connection's reader
// goroutine): it only queues work, never runs a step.
func (s *Stage) receive(from axl.PeerID, msg []byte) {
	defer s.timeCodec(time.Now())
	f, err := Decode(msg)
	if err != nil {
		s.malformed.Add(1)
		s.log.Warn("dropping malformed frame", zap.String("from", from.Short()), zap.Error(err))
		return
	}
	switch f.Type {
	case TypePing:
		s.pong(f)
	case TypePrompt:
		s.onPrompt(f)
	case TypeHidden:
		s.onHidden(from, f)
	case TypeToken:
		s.onToken(f)
	case TypeReset:
		s.onReset(f)
	default:
		s.malformed.Add(1)
		s.log.Warn("dropping frame a stage does not take", zap.Stringer("type", f.Type), zap.String("from", from.Short()))
	}
}

// timeCodec adds the time since start to the codec counter. receive counts
// whole (decoding, and a hidden frame's conversion to float32); queueing is
// negligible beside it.
func (s *Stage) timeCodec(start time.Time) { s.codecNanos.Add(uint64(time.Since(start))) }

func (s *Stage) pong(f *Frame) {
	head, err := axl.ParsePeerID(string(f.Meta))
	if err != nil {
		s.malformed.Add(1)
		return
	}
	reply := Frame{Type: TypePong, Request: f.Request, Seq: f.Seq}
	go s.send(head, &reply) // never hold the reader on a reply
}

func (s *Stage) onPrompt(f *Frame) {
	spec, ids, err := s.checkPrompt(f)
	if err != nil {
		s.malformed.Add(1)
		if spec != nil {
			s.fail(f.Request, spec.Head, CodeBadRequest, err.Error())
		}
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.reqs[f.Request] != nil {
		s.malformed.Add(1)
		return
	}
	if len(s.pending) > 0 || !s.admitLocked(f, spec, ids) {
		if len(s.pending) >= s.cfg.MaxPending {
			go s.fail(f.Request, spec.Head, CodeBusy, fmt.Sprintf("all %d KV slots busy and %d prompts waiting", s.cfg.Runtime.Options().Slots, len(s.pending)))
			return
		}
		s.pending = append(s.pending, f)
	}
}

func (s *Stage) checkPrompt(f *Frame) (*Spec, []int32, error) {
	if !s.first {
		return nil, nil, errors.New("prompt sent to a stage that is not the first")
	}
	spec, err := parseSpec(f.Meta)
	if err != nil {
		return nil, nil, err
	}
	ids, err := f.Int32s()
	if err != nil {
		return spec, nil, err
	}
	opts := s.cfg.Runtime.Options()
	vocab := s.cfg.Runtime.Model.Config.VocabSize
	switch {
	case len(ids) == 0:
		return spec, nil, errors.New("empty prompt")
	case len(ids)+spec.MaxTokens > opts.Capacity:
		return spec, nil, fmt.Errorf("prompt of %d tokens + max_tokens %d exceeds the context of %d", len(ids), spec.MaxTokens, opts.Capacity)
	}
	for _, id := range ids {
		if id < 0 || int(id) >= vocab {
			return spec, nil, fmt.Errorf("token id %d out of range [0, %d)", id, vocab)
		}
	}
	return spec, ids, nil
}

// admitLocked gives a prompt a slot and queues its chunks; false when no
// slot is free.
func (s *Stage) admitLocked(f *Frame, spec *Spec, ids []int32) bool {
	slot, err := s.cfg.Runtime.Acquire()
	if err != nil {
		return false
	}
	spec.Prompt = ids
	meta, _ := json.Marshal(spec)
	r := s.newReq(f.Request, slot, spec, meta)
	chunk := s.cfg.Runtime.Options().ChunkSize
	for at := 0; at < len(ids); at += chunk {
		end := min(at+chunk, len(ids))
		r.work = append(r.work, work{pos: at, tokens: ids[at:end], lastChunk: end == len(ids)})
	}
	s.addLocked(r)
	return true
}

func (s *Stage) newReq(id uint64, slot int, spec *Spec, meta []byte) *stageReq {
	r := &stageReq{id: id, slot: slot, spec: spec, specMeta: meta, touched: time.Now(), verifyAt: -1}
	if s.witness != nil {
		r.verifyAt = s.cfg.Verify.Pick(id, len(spec.Prompt), spec.MaxTokens)
	}
	if s.last {
		// parseSpec validated the parameters, so New cannot fail here.
		r.sampler, _ = sample.New(spec.Sampling)
		r.seen = append([]int32(nil), spec.Prompt...)
	}
	return r
}

func (s *Stage) addLocked(r *stageReq) {
	s.reqs[r.id] = r
	s.order = append(s.order, r.id)
	s.signal()
}

func (s *Stage) onHidden(from axl.PeerID, f *Frame) {
	if s.first {
		s.malformed.Add(1)
		return
	}
	h, err := f.Hidden(s.width)
	if err != nil {
		s.malformed.Add(1)
		s.log.Warn("dropping hidden frame", zap.Uint64("request", f.Request), zap.Error(err))
		return
	}
	w := work{seq: f.Seq, pos: int(f.Pos), hidden: h, lastChunk: f.Flags&FlagLastChunk != 0}
	r := s.queueHidden(f, w)
	if r != nil && r.verifyAt >= 0 {
		// What arrived is the previous stage's output (as decoded: its wire
		// dtype goes with the record).
		s.witness.add(witnessKey{req: r.id}, r.verifyAt, r.spec, from, w.pos, s.width, h, f.DType)
	}
}

// queueHidden queues a hidden frame's work, admitting its request on its
// first frame; nil when the frame is dropped.
func (s *Stage) queueHidden(f *Frame, w work) *stageReq {
	s.mu.Lock()
	defer s.mu.Unlock()
	r := s.reqs[f.Request]
	if r == nil {
		if f.Seq != 0 || f.Pos != 0 {
			s.stale.Add(1)
			return nil
		}
		spec, err := parseSpec(f.Meta)
		if err != nil {
			s.malformed.Add(1)
			s.log.Warn("dropping first hidden frame", zap.Uint64("request", f.Request), zap.Error(err))
			return nil
		}
		slot, err := s.cfg.Runtime.Acquire()
		if err != nil {
			go s.fail(f.Request, spec.Head, CodeBusy, fmt.Sprintf("all %d KV slots busy", s.cfg.Runtime.Options().Slots))
			return nil
		}
		r = s.newReq(f.Request, slot, spec, f.Meta)
		s.addLocked(r)
	}
	r.touched = time.Now()
	r.work = append(r.work, w)
	s.signal()
	return r
}

func (s *Stage) onToken(f *Frame) {
	ids, err := f.Int32s()
	if !s.first || err != nil || len(ids) != 1 {
		s.malformed.Add(1)
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	r := s.reqs[f.Request]
	if r == nil {
		s.stale.Add(1) // the request ended while its token was on the way
		return
	}
	r.touched = time.Now()
	r.work = append(r.work, work{seq: f.Seq, pos: int(f.Pos), tokens: ids})
	s.signal()
}

// onReset frees a request's slot and passes the reset on, so each stage
// sees it after every frame of that request sent before it (one ordered
// connection per hop) — a freed slot is never reused by a newer request
// ahead of the older one's last frame.
func (s *Stage) onReset(f *Frame) {
	s.mu.Lock()
	held := s.dropLocked(f.Request)
	s.signal() // a stage gathering a batch stops waiting for this request
	for i, p := range s.pending {
		if p.Request == f.Request {
			s.pending = append(s.pending[:i], s.pending[i+1:]...)
			held = true
			break
		}
	}
	s.mu.Unlock()
	// Pass the reset on before the freed slot admits a waiting prompt, so
	// the next stage frees its slot before that prompt's first frame arrives.
	if !s.last && (held || s.first) {
		s.send(s.cfg.Next, &Frame{Type: TypeReset, Request: f.Request})
	}
	s.mu.Lock()
	s.admitPendingLocked()
	s.mu.Unlock()
}

// dropLocked frees a request's slot; false if the stage did not hold it.
func (s *Stage) dropLocked(id uint64) bool {
	r := s.reqs[id]
	if r == nil {
		return false
	}
	if r.inStep {
		r.dropped = true
	} else {
		s.cfg.Runtime.Release(r.slot)
	}
	s.witness.end(id)
	delete(s.reqs, id)
	for i, o := range s.order {
		if o == id {
			s.order = append(s.order[:i], s.order[i+1:]...)
			break
		}
	}
	return true
}

func (s *Stage) admitPendingLocked() {
	for len(s.pending) > 0 {
		f := s.pending[0]
		spec, ids, err := s.checkPrompt(f) // checked on arrival; cheap
		if err != nil || !s.admitLocked(f, spec, ids) {
			return
		}
		s.pending = s.pending[1:]
	}
}

func (s *Stage) signal() {
	select {
	case s.wake <- struct{}{}:
	default:
	}
}

// fail reports an error to a request's head (call without s.mu).
func (s *Stage) fail(id uint64, head axl.PeerID, code, msg string) {
	s.errs.Add(1)
	info, _ := json.Marshal(ErrorInfo{Code: code, Message: msg, Stage: s.cfg.Index, Peer: s.cfg.Node.ID()})
	s.log.Warn("request failed", zap.Uint64("request", id), zap.String("code", code), zap.String("error", msg))
	s.send(head, &Frame{Type: TypeError, Request: id, Meta: info})
}

func (s *Stage) send(to axl.PeerID, f *Frame) error { return s.sendRaw(to, f.Type, f.Encode()) }

func (s *Stage) sendRaw(to axl.PeerID, t Type, msg []byte) error {
	ctx, cancel := context.WithTimeout(s.ctx, s.cfg.SendTimeout)
	defer cancel()
	err := s.cfg.Node.Send(ctx, to, msg)
	if err != nil {
		s.log.Warn("send failed", zap.Stringer("type", t), zap.String("to", to.Short()), zap.Error(err))
	}
	return err
}
