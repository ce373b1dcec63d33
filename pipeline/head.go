package pipeline

import (
	"context"
	"crypto/rand"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"sync"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"go.uber.org/zap"

	"github.com/computepool/computepool/axl"
	"github.com/computepool/computepool/shard"
)

// HeadConfig wires the client side of a pipeline.
type HeadConfig struct {
	Node *axl.Node
	// Stages are the pipeline's peers in order; stage 0 takes prompts.
	Stages []axl.PeerID
	// MaxInFlight bounds concurrent generations; Generate waits for room
	// (default 8).
	MaxInFlight int
	// TokenTimeout ends a generation that receives no token for this long
	// (default 60 s; the first token includes prefill).
	TokenTimeout time.Duration
	// PingInterval and FailAfter: every stage is pinged each interval, and
	// one that has not answered for FailAfter is down (defaults 250 ms, 2 s).
	PingInterval, FailAfter time.Duration
	// OnStageDown is called once each time a stage goes down (for the
	// control plane: replace the node, slash on evidence).
	OnStageDown func(index int, peer axl.PeerID)
	// Verify samples steps for verification (verify.go): the head
	// witnesses the first stage's input (the token ids) and the last
	// stage's output (the token it sampled).
	Verify Verify
	Log    *zap.Logger
}

// Event is one step of a generation: a token, or the end.
type Event struct {
	Token int32
	// Final is set on the last event: FinishReason says why (stop, length),
	// or Err says what failed.
	Final        bool
	FinishReason string
	Err          error
}

// Head sends prompts into a pipeline and streams tokens back. It is safe
// for concurrent use.
type Head struct {
	cfg HeadConfig
	log *zap.Logger
	sem chan struct{}

	mu       sync.Mutex
	calls    map[uint64]*call
	pongs    []time.Time // last answer from each stage
	answered []bool      // each stage has answered at least once
	down     []bool
	started  time.Time
	rtt      *prometheus.HistogramVec // ping round trips by stage
	// verifying counts the calls holding a witness record (≤ MaxRequests);
	// witness only counts (the head's records live in their calls).
	verifying int
	witness   *witnessBook

	ctx    context.Context
	cancel context.CancelFunc
	wg     sync.WaitGroup
}

type call struct {
	events  chan Event
	tokens  chan struct{} // a token arrived (resets the timeout)
	end     chan error    // set once: the stage-side end (error or nil on final)
	endOnce sync.Once

	// A sampled request (verify.go): its position, spec and the ids seen
	// so far (prompt, then each token at its position); nil ids when not
	// sampled or done.
	verifyAt int
	spec     Spec
	ids      []int32
}

// startupGrace is how long a stage may take to answer its first ping.
const startupGrace = 15 * time.Second

// ErrStageDown is wrapped by the error of generations that lost a stage.
var ErrStageDown = errors.New("pipeline: stage down")

// NewHead starts a head on its node (it becomes the node's handler).
func NewHead(cfg HeadConfig) (*Head, error) {
	if cfg.Node == nil || len(cfg.Stages) == 0 {
		return nil, errors.New("pipeline: a head needs a node and at least one stage")
	}
	if cfg.MaxInFlight <= 0 {
		cfg.MaxInFlight = 8
	}
	if cfg.TokenTimeout <= 0 {
		cfg.TokenTimeout = 60 * time.Second
	}
	if cfg.PingInterval <= 0 {
		cfg.PingInterval = 250 * time.Millisecond
	}
	if cfg.FailAfter <= 0 {
		cfg.FailAfter = 2 * time.Second
	}
	if cfg.Log == nil {
		cfg.Log = zap.NewNop()
	}
	ctx, cancel := context.WithCancel(context.Background())
	h := &Head{
		cfg: cfg, log: cfg.Log.Named("head"), sem: make(chan struct{}, cfg.MaxInFlight),
		calls: map[uint64]*call{}, pongs: make([]time.Time, len(cfg.Stages)), answered: make([]bool, len(cfg.Stages)),
		down: make([]bool, len(cfg.Stages)), started: time.Now(),
		rtt: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name:    "computepool_pipeline_ping_rtt_seconds",
			Help:    "Round trip of the head's pings to each stage over AXL: the network part of a hop, measured continuously.",
			Buckets: prometheus.ExponentialBuckets(50e-6, 2, 16), // 50 µs … 1.6 s
		}, []string{"stage"}),
		ctx: ctx, cancel: cancel, witness: newWitnessBook(cfg.Verify),
	}
	if h.witness != nil {
		h.cfg.Verify.MaxRequests = h.witness.v.MaxRequests
	}
	now := time.Now()
	for i := range h.pongs {
		h.pongs[i] = now
	}
	cfg.Node.Handle(h.receive)
	h.wg.Add(1)
	go h.watch()
	return h, nil
}

// Close stops pinging and ends every generation.
func (h *Head) Close() {
	h.cancel()
	h.wg.Wait()
}

// Generate starts a generation and returns its events; the channel closes
// after the final event. Cancelling ctx ends it and frees every stage's
// slot. Generate blocks while MaxInFlight generations are running.
func (h *Head) Generate(ctx context.Context, req shard.Request) (<-chan Event, error) {
	spec := Spec{Head: h.cfg.Node.ID(), MaxTokens: req.MaxTokens, Sampling: req.Sampling, StopIDs: req.StopIDs}
	if err := spec.validate(); err != nil {
		return nil, err
	}
	if len(req.Prompt) == 0 {
		return nil, errors.New("empty prompt")
	}
	if i, down := h.firstDown(); down {
		return nil, h.downErr(i)
	}
	select {
	case h.sem <- struct{}{}:
	case <-ctx.Done():
		return nil, ctx.Err()
	}
	id := newRequestID()
	c := &call{events: make(chan Event, req.MaxTokens+1), tokens: make(chan struct{}, 1), end: make(chan error, 1), verifyAt: -1}
	h.mu.Lock()
	h.calls[id] = c
	if h.witness != nil {
		if at := h.cfg.Verify.Pick(id, len(req.Prompt), req.MaxTokens); at >= 0 {
			if h.verifying < h.cfg.Verify.MaxRequests {
				h.verifying++
				c.verifyAt, c.spec, c.ids = at, spec, append([]int32(nil), req.Prompt...)
				c.spec.Prompt = c.ids[:len(req.Prompt):len(req.Prompt)] // the prompt frame carries it, not the spec
				h.witnessLocked(id, c)
			} else {
				h.witness.skipped.Add(1)
			}
		}
	}
	h.mu.Unlock()

	meta, _ := json.Marshal(spec)
	f := &Frame{Type: TypePrompt, Request: id, Meta: meta}
	f.SetInt32s(req.Prompt)
	sendCtx, cancel := context.WithTimeout(ctx, h.cfg.TokenTimeout)
	err := h.cfg.Node.Send(sendCtx, h.cfg.Stages[0], f.Encode())
	cancel()
	if err != nil {
		h.forget(id)
		<-h.sem
		return nil, fmt.Errorf("sending prompt to stage 0 (%s): %w", h.cfg.Stages[0].Short(), err)
	}
	h.wg.Add(1)
	go h.follow(ctx, id, c)
	return c.events, nil
}

// follow ends a generation on its final token, a stage error, the token
// timeout, a stage going down, or ctx; then resets the stages.
func (h *Head) follow(ctx context.Context, id uint64, c *call) {
	defer h.wg.Done()
	defer func() { <-h.sem }()
	timer := time.NewTimer(h.cfg.TokenTimeout)
	defer timer.Stop()
	var err error
loop:
	for {
		select {
		case err = <-c.end:
			break loop
		case <-c.tokens:
			timer.Reset(h.cfg.TokenTimeout)
		case <-timer.C:
			err = fmt.Errorf("no token for %s", h.cfg.TokenTimeout)
			break loop
		case <-ctx.Done():
			err = ctx.Err()
			break loop
		case <-h.ctx.Done():
			err = errors.New("pipeline head closed")
			break loop
		}
	}
	h.mu.Lock()
	h.endWitnessLocked(c)
	delete(h.calls, id)
	if err != nil {
		select {
		case c.events <- Event{Final: true, Err: err}:
		default: // full only if a stage overran max_tokens: the error was set
		}
	}
	close(c.events)
	h.mu.Unlock()
	// Free every stage's slot: the reset travels stage to stage behind the
	// request's own frames. After a normal end the last stage has already
	// freed its slot; the others still hold theirs.
	rctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	reset := &Frame{Type: TypeReset, Request: id}
	if err := h.cfg.Node.Send(rctx, h.cfg.Stages[0], reset.Encode()); err != nil {
		h.log.Warn("reset not delivered", zap.Uint64("request", id), zap.Error(err))
	}
}

func (h *Head) forget(id uint64) {
	h.mu.Lock()
	h.endWitnessLocked(h.calls[id])
	delete(h.calls, id)
	h.mu.Unlock()
}

// witnessLocked reports what a sampled call's ids now cover: the first
// stage's input once they reach the sampled position P, the last stage's
// output (the token at P+1) once it arrives. The caller holds h.mu.
func (h *Head) witnessLocked(id uint64, c *call) {
	at, n := c.verifyAt, len(c.ids)
	if c.ids == nil || n < at+1 {
		return
	}
	if n == at+1 {
		in := make([]float32, n)
		for i, x := range c.ids {
			in[i] = float32(x)
		}
		h.witness.report(Witness{Request: id, Position: at, Accused: h.cfg.Stages[0], Input: true, Data: in, PromptLen: len(c.spec.Prompt)})
		return
	}
	sp := c.spec.Sampling
	h.witness.report(Witness{Request: id, Position: at, Accused: h.cfg.Stages[len(h.cfg.Stages)-1], Data: []float32{float32(c.ids[at+1])},
		PromptLen: len(c.spec.Prompt), Sampling: &sp, Context: slices.Clone(c.ids[:at+1])})
	h.endWitnessLocked(c)
}

// endWitnessLocked frees a call's witness record (reported, or the call
// ended first). The caller holds h.mu.
func (h *Head) endWitnessLocked(c *call) {
	if c != nil && c.ids != nil {
		c.ids = nil
		h.verifying--
	}
}

// VerifyStats counts the head's witness records.
func (h *Head) VerifyStats() VerifyStats { return h.witness.stats() }

func (h *Head) receive(from axl.PeerID, msg []byte) {
	f, err := Decode(msg)
	if err != nil {
		h.log.Warn("dropping malformed frame", zap.String("from", from.Short()), zap.Error(err))
		return
	}
	if f.Type == TypePong {
		h.pong(from, f.Request)
		return
	}
	// Events are pushed under h.mu: follow closes the channel under it too.
	h.mu.Lock()
	defer h.mu.Unlock()
	c := h.calls[f.Request]
	if c == nil {
		return // ended already
	}
	switch f.Type {
	case TypeToken:
		ids, err := f.Int32s()
		if err != nil || len(ids) != 1 {
			c.finish(fmt.Errorf("malformed token frame from %s", from.Short()))
			return
		}
		ev := Event{Token: ids[0]}
		if c.ids != nil && int(f.Pos) == len(c.ids) {
			c.ids = append(c.ids, ids[0])
			h.witnessLocked(f.Request, c)
		} else if c.ids != nil { // out of order: a record with a hole could accuse an honest stage
			h.endWitnessLocked(c)
			h.witness.skipped.Add(1)
		}
		if f.Flags&FlagFinal != 0 {
			ev.Final, ev.FinishReason = true, string(f.Meta)
		}
		select {
		case c.events <- ev:
		default: // more tokens than MaxTokens: a stage misbehaves
			c.finish(fmt.Errorf("stage sent more tokens than max_tokens"))
			return
		}
		if ev.Final {
			c.finish(nil)
		} else {
			select {
			case c.tokens <- struct{}{}:
			default:
			}
		}
	case TypeError:
		var info ErrorInfo
		if err := json.Unmarshal(f.Meta, &info); err != nil {
			info = ErrorInfo{Code: "unknown", Message: string(f.Meta), Stage: -1, Peer: from}
		}
		if info.Code == CodeStageDown {
			// The stage says it is stopping: mark it down now rather than
			// after FailAfter without pongs (this ends its other requests).
			c.finish(fmt.Errorf("%w: %w", ErrStageDown, &info))
			if info.Stage >= 0 && info.Stage < len(h.cfg.Stages) && h.cfg.Stages[info.Stage] == from {
				go h.markDown([]int{info.Stage})
			}
			return
		}
		c.finish(&info)
	}
}

func (c *call) finish(err error) {
	c.endOnce.Do(func() { c.end <- err })
}

// Collector exports the ping round trips (computepool_pipeline_ping_rtt_seconds).
func (h *Head) Collector() prometheus.Collector { return h.rtt }

// pong records a stage's answer; sent is the ping's send time (nanoseconds
// since the head started), which the stage echoes in the Request field.
func (h *Head) pong(from axl.PeerID, sent uint64) {
	rtt := time.Since(h.started) - time.Duration(sent)
	h.mu.Lock()
	defer h.mu.Unlock()
	for i, p := range h.cfg.Stages {
		if p == from {
			if sent > 0 && rtt >= 0 {
				h.rtt.WithLabelValues(strconv.Itoa(i)).Observe(rtt.Seconds())
			}
			h.pongs[i] = time.Now()
			h.answered[i] = true
			if h.down[i] {
				h.down[i] = false
				h.log.Info("stage answers again", zap.Int("stage", i), zap.String("peer", p.Short()))
			}
		}
	}
}

// watch pings every stage and declares down those that stop answering.
func (h *Head) watch() {
	defer h.wg.Done()
	t := time.NewTicker(h.cfg.PingInterval)
	defer t.Stop()
	for {
		select {
		case <-h.ctx.Done():
			return
		case <-t.C:
		}
		ping := (&Frame{Type: TypePing, Request: uint64(time.Since(h.started)), Meta: []byte(h.cfg.Node.ID())}).Encode()
		for _, p := range h.cfg.Stages {
			go func() {
				ctx, cancel := context.WithTimeout(h.ctx, h.cfg.FailAfter)
				defer cancel()
				h.cfg.Node.Send(ctx, p, ping) // a failure shows as a missing pong
			}()
		}
		h.checkDown()
	}
}

func (h *Head) checkDown() {
	h.mu.Lock()
	var late []int
	for i, last := range h.pongs {
		// Before its first answer a stage gets startupGrace: first contact
		// with a new peer waits for Yggdrasil to find a route.
		if !h.answered[i] && time.Since(h.started) < startupGrace {
			continue
		}
		if time.Since(last) > h.cfg.FailAfter {
			late = append(late, i)
		}
	}
	h.mu.Unlock()
	h.markDown(late)
}

// markDown declares stages down (once each until they answer again): every
// generation in flight ends with ErrStageDown and OnStageDown is told.
func (h *Head) markDown(stages []int) {
	h.mu.Lock()
	var newlyDown []int
	for _, i := range stages {
		if !h.down[i] {
			h.down[i] = true
			newlyDown = append(newlyDown, i)
		}
	}
	calls := make([]*call, 0, len(h.calls))
	if len(newlyDown) > 0 {
		for _, c := range h.calls {
			calls = append(calls, c)
		}
	}
	h.mu.Unlock()
	for _, i := range newlyDown {
		err := h.downErr(i)
		h.log.Warn("stage down", zap.Int("stage", i), zap.String("peer", string(h.cfg.Stages[i])), zap.Error(err))
		for _, c := range calls {
			c.finish(err)
		}
		if h.cfg.OnStageDown != nil {
			h.cfg.OnStageDown(i, h.cfg.Stages[i])
		}
	}
}

func (h *Head) firstDown() (int, bool) {
	h.mu.Lock()
	defer h.mu.Unlock()
	for i, d := range h.down {
		if d {
			return i, true
		}
	}
	return 0, false
}

func (h *Head) downErr(i int) error {
	return fmt.Errorf("%w: %w", ErrStageDown, &ErrorInfo{Code: CodeStageDown, Stage: i, Peer: h.cfg.Stages[i],
		Message: fmt.Sprintf("no answer to pings for %s", h.cfg.FailAfter)})
}

// Ready waits until every stage has answered a ping since the head started.
func (h *Head) Ready(ctx context.Context) error {
	start := time.Now()
	for {
		h.mu.Lock()
		var silent []string
		for i, t := range h.pongs {
			if !h.answered[i] || !t.After(start) {
				silent = append(silent, fmt.Sprintf("%d (%s)", i, h.cfg.Stages[i].Short()))
			}
		}
		h.mu.Unlock()
		if len(silent) == 0 {
			return nil
		}
		select {
		case <-ctx.Done():
			return fmt.Errorf("waiting for stages %v to answer: %w", silent, ctx.Err())
		case <-time.After(10 * time.Millisecond):
		}
	}
}

func newRequestID() uint64 {
	var b [8]byte
	rand.Read(b[:])
	return binary.BigEndian.Uint64(b[:])
}

// Collect drains a generation: its tokens and finish reason, or its error.
func Collect(events <-chan Event) (*shard.Result, error) {
	res := &shard.Result{}
	for ev := range events {
		if ev.Err != nil {
			return res, ev.Err
		}
		res.Tokens = append(res.Tokens, ev.Token)
		if ev.Final {
			res.FinishReason = ev.FinishReason
		}
	}
	return res, nil
}
