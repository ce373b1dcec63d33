package main

import (
	"bufio"
	"bytes"
	"context"
	"flag"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"slices"
	"strings"
	"sync"
	"time"

	"go.uber.org/zap"

	"github.com/computepool/computepool/axl"
	"github.com/computepool/computepool/backend"
	"github.com/computepool/computepool/model"
	"github.com/computepool/computepool/pipeline"
	"github.com/computepool/computepool/shard"
)

// HopResult is what `bench hop --json` prints. A hop is one message from
// one node to the other: half a measured round trip.
type HopResult struct {
	SizeBytes int     `json:"size_bytes"`
	Processes int     `json:"processes"` // 2: the nodes are separate processes
	Messages  int     `json:"messages"`
	P50Ms     float64 `json:"p50_ms"`
	P99Ms     float64 `json:"p99_ms"`
	MBPerS    float64 `json:"mb_per_s"`
	// WarmupP50Ms is the median hop of the untimed warm-up round trips: a
	// fresh connection.
	WarmupP50Ms float64 `json:"warmup_p50_ms"`
	// The stock AXL bridge pattern (POST /send per message, GET /recv
	// polled) between two nodes in this process, measured in the same run.
	BridgeP50Ms float64 `json:"bridge_p50_ms"`
	BridgeP99Ms float64 `json:"bridge_p99_ms"`
}

func benchHop(ctx context.Context, log *zap.Logger, args []string) error {
	fs := flag.NewFlagSet("bench hop", flag.ContinueOnError)
	size := fs.Int("size", 8192, "message size in bytes (a 1B model's bf16 hidden state is 4096)")
	count := fs.Int("count", 500, "round trips to time")
	warmup := fs.Int("warmup", 1000, "untimed round trips first (a fresh connection warms up over a few hundred)")
	inProcess := fs.Bool("in-process", false, "run the echoing node in this process instead of a second process")
	asJSON := fs.Bool("json", false, "print JSON")
	if err := fs.Parse(args); err != nil {
		return err
	}
	back := make(chan []byte, 1)
	a, err := axl.New(axl.Config{Listen: []string{"tls://127.0.0.1:0"}}, log.Named("a"), func(_ axl.PeerID, m []byte) { back <- m })
	if err != nil {
		return err
	}
	defer a.Close()
	var peer axl.PeerID
	if *inProcess {
		b, err := startEcho(ctx, a.ListenAddrs(), a.ID(), log)
		if err != nil {
			return err
		}
		defer b.Close()
		peer = b.ID()
	} else {
		echoCtx, stopEcho := context.WithCancel(ctx)
		var wait func()
		if peer, wait, err = spawnEcho(echoCtx, a, log); err != nil {
			stopEcho()
			return err
		}
		defer func() { stopEcho(); wait() }()
	}
	// Each knows the other's full key (a sender is otherwise named by the
	// key bits its address carries, not enough to send back to).
	a.Allow(peer)
	msg := bytes.Repeat([]byte{0xCB}, *size)
	log.Info("waiting for the route between the two nodes")
	wctx, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	if err := a.Connect(wctx, peer); err != nil {
		return err
	}
	roundTrip := func() (time.Duration, error) {
		start := time.Now()
		if err := a.Send(ctx, peer, msg); err != nil {
			return 0, err
		}
		select {
		case <-back:
		case <-time.After(10 * time.Second):
			return 0, fmt.Errorf("no echo within 10 s")
		}
		return time.Since(start), nil
	}
	// A fresh connection's first few hundred 8 KiB round trips run ~1.7×
	// slower than the rest (64-byte ones do not); a pipeline's connections
	// live for thousands of tokens, so the timed hops are the steady state
	// and the warm-up's own median is reported beside them.
	cold := make([]time.Duration, *warmup)
	for i := range cold {
		rt, err := roundTrip()
		if err != nil {
			return err
		}
		cold[i] = rt / 2
	}
	hops := make([]time.Duration, *count)
	start := time.Now()
	for i := range hops {
		rt, err := roundTrip()
		if err != nil {
			return err
		}
		hops[i] = rt / 2
	}
	res := HopResult{SizeBytes: *size, Messages: *count, Processes: 2,
		MBPerS: float64(2**size**count) / time.Since(start).Seconds() / 1e6}
	if *inProcess {
		res.Processes = 1
	}
	res.P50Ms, res.P99Ms = percentileMs(hops, 0.5), percentileMs(hops, 0.99)
	if len(cold) > 0 {
		res.WarmupP50Ms = percentileMs(cold, 0.5)
	}

	b, err := startEcho(ctx, a.ListenAddrs(), a.ID(), log)
	if err != nil {
		return err
	}
	defer b.Close()
	a.Allow(peer, b.ID())
	if res.BridgeP50Ms, res.BridgeP99Ms, err = bridgeHops(ctx, a, b, msg, min(*count, 200)); err != nil {
		return err
	}
	return report(res, *asJSON)
}

// startEcho starts a node peered with peers that sends every message back
// to its sender (only `allow` may send).
func startEcho(ctx context.Context, peers []string, allow axl.PeerID, log *zap.Logger) (*axl.Node, error) {
	var b *axl.Node
	var ready = make(chan struct{})
	b, err := axl.New(axl.Config{Peers: peers, AllowedPeers: []string{string(allow)}}, log.Named("echo"), func(from axl.PeerID, m []byte) {
		<-ready
		b.Send(ctx, from, m)
	})
	if err != nil {
		return nil, err
	}
	close(ready)
	return b, nil
}

// spawnEcho runs `computepool bench hop-echo` as a second process peered
// with a until ctx ends, and returns its peer id (its first line of
// output) and a function that waits for it to exit.
func spawnEcho(ctx context.Context, a *axl.Node, log *zap.Logger) (axl.PeerID, func(), error) {
	self, err := os.Executable()
	if err != nil {
		return "", nil, err
	}
	cmd := exec.CommandContext(ctx, self, "bench", "hop-echo", "--peer", strings.Join(a.ListenAddrs(), ","), "--allow", string(a.ID()))
	out, err := cmd.StdoutPipe()
	if err != nil {
		return "", nil, err
	}
	if err := cmd.Start(); err != nil {
		return "", nil, fmt.Errorf("starting the echo process: %w", err)
	}
	wait := func() { cmd.Wait() }
	line, err := bufio.NewReader(out).ReadString('\n')
	if err != nil {
		cmd.Process.Kill()
		wait()
		return "", nil, fmt.Errorf("reading the echo process's peer id: %w", err)
	}
	log.Info("echo process started", zap.Int("pid", cmd.Process.Pid))
	id, err := axl.ParsePeerID(strings.TrimSpace(line))
	return id, wait, err
}

// benchHopEcho is the second process of `bench hop`: an echoing node.
func benchHopEcho(ctx context.Context, log *zap.Logger, args []string) error {
	fs := flag.NewFlagSet("bench hop-echo", flag.ContinueOnError)
	peers := fs.String("peer", "", "peer URIs")
	allow := fs.String("allow", "", "the one peer id allowed to send")
	if err := fs.Parse(args); err != nil {
		return err
	}
	id, err := axl.ParsePeerID(*allow)
	if err != nil {
		return err
	}
	b, err := startEcho(ctx, splitList(*peers), id, log)
	if err != nil {
		return err
	}
	defer b.Close()
	fmt.Fprintln(stdout, b.ID())
	<-ctx.Done()
	return nil
}

// bridgeHops times the stock pattern: each node's tool POSTs /send to its
// bridge and polls /recv (1 ms apart, as tools do) for the echo.
func bridgeHops(ctx context.Context, a, b *axl.Node, msg []byte, count int) (p50, p99 float64, err error) {
	ba, bb := axl.NewBridge(a), axl.NewBridge(b)
	a.Handle(ba.Push)
	b.Handle(bb.Push)
	sa, sb := httptest.NewServer(ba), httptest.NewServer(bb)
	defer sa.Close()
	defer sb.Close()
	send := func(srv string, to axl.PeerID) error {
		req, _ := http.NewRequestWithContext(ctx, http.MethodPost, srv+"/send", bytes.NewReader(msg))
		req.Header.Set("X-Destination-Peer-Id", string(to))
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			return err
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusOK {
			return fmt.Errorf("bridge /send: %s", resp.Status)
		}
		return nil
	}
	recv := func(srv string) error {
		deadline := time.Now().Add(10 * time.Second)
		for time.Now().Before(deadline) {
			resp, err := http.Get(srv + "/recv")
			if err != nil {
				return err
			}
			io.Copy(io.Discard, resp.Body)
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return nil
			}
			time.Sleep(time.Millisecond)
		}
		return fmt.Errorf("bridge /recv: nothing within 10 s")
	}
	hops := make([]time.Duration, count)
	for i := range hops {
		start := time.Now()
		if err := send(sa.URL, b.ID()); err != nil {
			return 0, 0, err
		}
		if err := recv(sb.URL); err != nil {
			return 0, 0, err
		}
		if err := send(sb.URL, a.ID()); err != nil {
			return 0, 0, err
		}
		if err := recv(sa.URL); err != nil {
			return 0, 0, err
		}
		hops[i] = time.Since(start) / 2
	}
	return percentileMs(hops, 0.5), percentileMs(hops, 0.99), nil
}

func percentileMs(d []time.Duration, q float64) float64 {
	s := slices.Clone(d)
	slices.Sort(s)
	return ms(s[min(len(s)-1, int(q*float64(len(s))))])
}

// PipelineResult is what `bench pipeline --json` prints.
type PipelineResult struct {
	Model              string  `json:"model"`
	Stages             int     `json:"stages"`
	Concurrency        int     `json:"concurrency"`
	TokensPerRequest   int     `json:"tokens_per_request"`
	Wire               string  `json:"wire"`
	SingleTokensPerS   float64 `json:"single_tokens_per_s"`
	PipelineTokensPerS float64 `json:"pipeline_tokens_per_s"`
	Ratio              float64 `json:"ratio"`
	// RoundRatios is each round's pipeline rate over its one-process rate,
	// the two measured back to back: how much the host moved the ratio.
	RoundRatios []float64 `json:"round_ratios"`
	// Mean sequences per step over the timed rounds (every stage's steps
	// together): how well the stages batch concurrent requests.
	SingleMeanBatch   float64 `json:"single_mean_batch"`
	PipelineMeanBatch float64 `json:"pipeline_mean_batch"`
	// Per generated token of a request — one step of the pipeline for all
	// requests in flight — through the pipeline: compute in the stages,
	// frame encoding/decoding, and the rest — network (AXL, netstack,
	// Yggdrasil), sampling and scheduling. The parts add up while every
	// request rides one batch (concurrency 1, or the first stage gathering);
	// where the stages overlap (--gather=false) compute can exceed the step.
	PerTokenMs      float64 `json:"per_token_ms,omitempty"`
	ComputeMs       float64 `json:"compute_ms,omitempty"`
	SerializationMs float64 `json:"serialization_ms,omitempty"`
	NetworkMs       float64 `json:"network_ms,omitempty"`
}

// benchPipeline runs the same generations in one process and through an
// N-stage pipeline of in-process stages, each behind its own AXL node, in
// one run. Both sides batch concurrent requests the same way: the single
// process is a one-stage pipeline with the head in the same process.
func benchPipeline(ctx context.Context, log *zap.Logger, args []string) error {
	fs := flag.NewFlagSet("bench pipeline", flag.ContinueOnError)
	dir := fs.String("model", "", "Hugging Face model directory (required)")
	stages := fs.Int("stages", 2, "pipeline stages (layers split evenly)")
	concurrency := fs.Int("concurrency", 1, "generations at once")
	tokens := fs.Int("tokens", 32, "tokens per generation")
	rounds := fs.Int("rounds", 2, "rounds of single and pipeline, the order swapped every other round")
	wire := fs.String("wire", "f32", "hidden-state dtype on the wire: f32 or bf16")
	window := fs.Duration("batch-window", 0, "how long in all a stage lets a burst of inputs gather before a step (0: the stage default, 5ms; negative: no wait)")
	gather := fs.Bool("gather", true, "the first stage gathers every request in flight into one step, as stages sharing cores should (false: groups take turns, as on separate hosts)")
	asJSON := fs.Bool("json", false, "print JSON")
	cpuProfile := fs.String("cpuprofile", "", "write a CPU profile of the timed rounds (both sides) to this file")
	if err := fs.Parse(args); err != nil {
		return err
	}
	cfg, err := model.LoadConfig(*dir)
	if err != nil {
		return err
	}
	wireDType, err := parseWire(*wire)
	if err != nil {
		return err
	}
	be, err := backend.New("")
	if err != nil {
		return err
	}
	opts := shard.Options{Slots: max(*concurrency, 1), Capacity: 64 + *tokens}
	load := func(n int) ([]*shard.Runtime, func(), error) {
		var rts []*shard.Runtime
		var closers []func()
		closeAll := func() {
			for _, c := range closers {
				c()
			}
		}
		for i := 0; i < n; i++ {
			r := model.Range{Start: i * cfg.NumHiddenLayers / n, End: (i + 1) * cfg.NumHiddenLayers / n}
			m, err := model.Load(ctx, *dir, r, be, log)
			if err != nil {
				closeAll()
				return nil, nil, err
			}
			rt, err := shard.New(m, opts, log)
			if err != nil {
				m.Close()
				closeAll()
				return nil, nil, err
			}
			closers = append(closers, func() { rt.Close(); m.Close() })
			rts = append(rts, rt)
		}
		return rts, closeAll, nil
	}
	quiet := log.WithOptions(zap.IncreaseLevel(zap.WarnLevel))
	run := func(n int) (*pipeline.Local, func(), error) {
		rts, closeRts, err := load(n)
		if err != nil {
			return nil, nil, err
		}
		wctx, cancel := context.WithTimeout(ctx, time.Minute)
		defer cancel()
		l, err := pipeline.StartLocal(wctx, rts, pipeline.LocalOptions{Wire: wireDType, Head: pipeline.HeadConfig{MaxInFlight: *concurrency},
			Stage: func(_ int, c *pipeline.StageConfig) { c.BatchWindow, c.Gather = *window, *gather }}, quiet)
		if err != nil {
			closeRts()
			return nil, nil, err
		}
		return l, func() { l.Close(); closeRts() }, nil
	}
	single, closeSingle, err := run(1)
	if err != nil {
		return err
	}
	defer closeSingle()
	piped, closePiped, err := run(*stages)
	if err != nil {
		return err
	}
	defer closePiped()
	prompt := make([]int32, 16)
	for i := range prompt {
		prompt[i] = int32(100 + i)
	}
	measure := func(l *pipeline.Local) (float64, error) {
		start := time.Now()
		var wg sync.WaitGroup
		errs := make([]error, *concurrency)
		for c := 0; c < *concurrency; c++ {
			wg.Add(1)
			go func() {
				defer wg.Done()
				events, err := l.Head.Generate(ctx, shard.Request{Prompt: prompt, MaxTokens: *tokens})
				if err == nil {
					_, err = pipeline.Collect(events)
				}
				errs[c] = err
			}()
		}
		wg.Wait()
		for _, err := range errs {
			if err != nil {
				return 0, err
			}
		}
		return float64(*concurrency**tokens) / time.Since(start).Seconds(), nil
	}
	if _, err := measure(single); err != nil { // warm up: compile every graph
		return err
	}
	if _, err := measure(piped); err != nil {
		return err
	}
	var s, p []float64
	batch0 := [2][2]uint64{batchStats(single), batchStats(piped)}
	var compute0, codec0 uint64
	for _, st := range piped.Stages {
		compute0 += st.Stats().ComputeNanos
		codec0 += st.Stats().CodecNanos
	}
	stopProfile, err := startCPUProfile(*cpuProfile)
	if err != nil {
		return err
	}
	defer stopProfile()
	var pipedTime time.Duration
	measurePiped := func() error {
		start := time.Now()
		v, err := measure(piped)
		pipedTime += time.Since(start)
		p = append(p, v)
		return err
	}
	measureSingle := func() error {
		v, err := measure(single)
		s = append(s, v)
		return err
	}
	for r := 0; r < *rounds; r++ {
		log.Info("round", zap.Int("round", r+1), zap.Int("of", *rounds))
		// Single first in even rounds, pipeline first in odd ones (ABBA): the
		// host's bandwidth drifts over minutes, and a fixed order would hand
		// one side the drift of every round.
		first, second := measureSingle, measurePiped
		if r%2 == 1 {
			first, second = second, first
		}
		if err := first(); err != nil {
			return err
		}
		if err := second(); err != nil {
			return err
		}
	}
	res := PipelineResult{Model: *dir, Stages: *stages, Concurrency: *concurrency, TokensPerRequest: *tokens, Wire: *wire,
		SingleTokensPerS: median(s), PipelineTokensPerS: median(p)}
	res.Ratio = res.PipelineTokensPerS / res.SingleTokensPerS
	for r := range s {
		res.RoundRatios = append(res.RoundRatios, p[r]/s[r])
	}
	res.SingleMeanBatch = meanBatch(batch0[0], batchStats(single))
	res.PipelineMeanBatch = meanBatch(batch0[1], batchStats(piped))
	var compute, codec uint64
	for _, st := range piped.Stages {
		compute += st.Stats().ComputeNanos
		codec += st.Stats().CodecNanos
	}
	// Steps are what stages spend on, one per token of each request: divide
	// by the tokens a request got in the timed rounds.
	n := float64(*rounds * *tokens)
	res.PerTokenMs = ms(pipedTime) / n
	res.ComputeMs = float64(compute-compute0) / 1e6 / n
	res.SerializationMs = float64(codec-codec0) / 1e6 / n
	res.NetworkMs = res.PerTokenMs - res.ComputeMs - res.SerializationMs
	return report(res, *asJSON)
}

// median of v; of an even count, the mean of the middle two (the upper one
// alone made a 2-round run report its faster round).
func median(v []float64) float64 {
	s := slices.Clone(v)
	slices.Sort(s)
	n := len(s)
	if n%2 == 1 {
		return s[n/2]
	}
	return (s[n/2-1] + s[n/2]) / 2
}

// batchStats sums the stages' steps and batched sequences.
func batchStats(l *pipeline.Local) [2]uint64 {
	var sum [2]uint64
	for _, st := range l.Stages {
		sum[0] += st.Stats().Steps
		sum[1] += st.Stats().Batched
	}
	return sum
}

// meanBatch is the mean batch between two batchStats readings.
func meanBatch(before, after [2]uint64) float64 {
	if steps := after[0] - before[0]; steps > 0 {
		return float64(after[1]-before[1]) / float64(steps)
	}
	return 0
}
