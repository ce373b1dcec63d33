package pipeline

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"sync"
	"testing"
	"time"

	"github.com/gomlx/gomlx/backends"
	"github.com/prometheus/client_golang/prometheus"
	dto "github.com/prometheus/client_model/go"
	"go.uber.org/zap"
	"go.uber.org/zap/zaptest"

	"github.com/computepool/computepool/axl"
	"github.com/computepool/computepool/backend"
	"github.com/computepool/computepool/model"
	"github.com/computepool/computepool/model/genmodel"
	"github.com/computepool/computepool/safetensors"
	"github.com/computepool/computepool/sample"
	"github.com/computepool/computepool/shard"
)

var testBackend = func() backends.Backend {
	spec := backend.Default
	if s := os.Getenv("COMPUTEPOOL_TEST_BACKEND"); s != "" {
		spec = s
	}
	b, err := backend.New(spec)
	if err != nil {
		panic(err)
	}
	return b
}()

// tinyModel writes a random tiny model (small vocabulary: these tests feed ids).
func tinyModel(t testing.TB, arch string) string {
	t.Helper()
	c, err := genmodel.Preset(arch, "tiny")
	if err != nil {
		t.Fatal(err)
	}
	genmodel.ShrinkVocab(c, 512)
	dir := t.TempDir()
	if err := genmodel.Write(dir, c, genmodel.Options{DType: safetensors.F32, Seed: 11}, zaptest.NewLogger(t)); err != nil {
		t.Fatal(err)
	}
	return dir
}

// runtimes loads dir split at cuts, one runtime per slice.
func runtimes(t testing.TB, dir string, opts shard.Options, cuts ...int) []*shard.Runtime {
	t.Helper()
	c, err := model.LoadConfig(dir)
	if err != nil {
		t.Fatal(err)
	}
	bounds := append(append([]int{0}, cuts...), c.NumHiddenLayers)
	var rts []*shard.Runtime
	for i := 0; i+1 < len(bounds); i++ {
		m, err := model.Load(context.Background(), dir, model.Range{Start: bounds[i], End: bounds[i+1]}, testBackend, zap.NewNop())
		if err != nil {
			t.Fatal(err)
		}
		rt, err := shard.New(m, opts, zap.NewNop())
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { rt.Close(); m.Close() })
		rts = append(rts, rt)
	}
	return rts
}

func startLocal(t *testing.T, rts []*shard.Runtime, hc HeadConfig) *Local {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	l, err := StartLocal(ctx, rts, LocalOptions{Head: hc}, zaptest.NewLogger(t, zaptest.Level(testLogLevel)))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(l.Close)
	return l
}

func randomPrompt(rng *rand.Rand, n int) []int32 {
	p := make([]int32, n)
	for i := range p {
		p[i] = int32(rng.IntN(500))
	}
	return p
}

func generate(t *testing.T, h *Head, req shard.Request) *shard.Result {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	events, err := h.Generate(ctx, req)
	if err != nil {
		t.Fatal(err)
	}
	res, err := Collect(events)
	if err != nil {
		t.Fatal(err)
	}
	return res
}

func equalTokens(a, b []int32) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// TestPipelineEqualsChain: the same tokens as the single-process chain, for
// every architecture, through 1, 2 and 3 stages, with a prompt longer than
// a prefill chunk.
func TestPipelineEqualsChain(t *testing.T) {
	for _, arch := range []string{"llama", "qwen2", "qwen3"} {
		t.Run(arch, func(t *testing.T) {
			dir := tinyModel(t, arch)
			opts := shard.Options{Slots: 4, Capacity: 128, ChunkSize: 16}
			ref := shard.Chain(runtimes(t, dir, opts))
			rng := rand.New(rand.NewPCG(3, 4))
			req := shard.Request{Prompt: randomPrompt(rng, 37), MaxTokens: 12}
			want, err := ref.Generate(context.Background(), req, nil)
			if err != nil {
				t.Fatal(err)
			}
			for _, cuts := range [][]int{nil, {2}, {1, 3}} {
				l := startLocal(t, runtimes(t, dir, opts, cuts...), HeadConfig{})
				got := generate(t, l.Head, req)
				if !equalTokens(got.Tokens, want.Tokens) || got.FinishReason != want.FinishReason {
					t.Fatalf("%d stages: %v (%s), want %v (%s)", len(cuts)+1, got.Tokens, got.FinishReason, want.Tokens, want.FinishReason)
				}
			}
		})
	}
}

// TestConcurrentRequestsEachAsAlone: 8 requests with different prompts,
// lengths and sampling at once get exactly the tokens each gets alone.
func TestConcurrentRequestsEachAsAlone(t *testing.T) {
	dir := tinyModel(t, "llama")
	opts := shard.Options{Slots: 8, Capacity: 128, ChunkSize: 16}
	ref := shard.Chain(runtimes(t, dir, opts))
	l := startLocal(t, runtimes(t, dir, opts, 2), HeadConfig{})
	rng := rand.New(rand.NewPCG(5, 6))
	reqs := make([]shard.Request, 8)
	wants := make([]*shard.Result, 8)
	for i := range reqs {
		reqs[i] = shard.Request{Prompt: randomPrompt(rng, 3+rng.IntN(40)), MaxTokens: 4 + rng.IntN(16), StopIDs: []int{511}}
		if i%2 == 1 {
			reqs[i].Sampling = sample.Params{Temperature: 0.9, TopP: 0.9, RepetitionPenalty: 1.2, Seed: uint64(i)}
		}
		var err error
		if wants[i], err = ref.Generate(context.Background(), reqs[i], nil); err != nil {
			t.Fatal(err)
		}
	}
	var wg sync.WaitGroup
	errs := make([]error, 8)
	for i := range reqs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
			defer cancel()
			events, err := l.Head.Generate(ctx, reqs[i])
			if err != nil {
				errs[i] = err
				return
			}
			got, err := Collect(events)
			if err != nil {
				errs[i] = err
			} else if !equalTokens(got.Tokens, wants[i].Tokens) || got.FinishReason != wants[i].FinishReason {
				errs[i] = fmt.Errorf("request %d: %v (%s), alone %v (%s)", i, got.Tokens, got.FinishReason, wants[i].Tokens, wants[i].FinishReason)
			}
		}()
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			t.Error(err)
		}
	}
	// More than one sequence per step on average: requests were batched.
	st := l.Stages[1].Stats()
	if st.Steps == 0 || float64(st.Batched)/float64(st.Steps) <= 1.2 {
		t.Errorf("mean batch %d/%d: requests were not batched", st.Batched, st.Steps)
	}
	waitIdle(t, l)
}

// waitIdle checks every stage frees every slot once generations end.
func waitIdle(t *testing.T, l *Local) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for {
		busy := 0
		for _, s := range l.Stages {
			busy += s.Stats().Active + s.Stats().Pending
		}
		if busy == 0 {
			return
		}
		if time.Now().After(deadline) {
			for i, s := range l.Stages {
				t.Errorf("stage %d: %+v", i, s.Stats())
			}
			t.Fatal("slots still held after every generation ended")
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// TestBackpressureMoreRequestsThanSlots: with 2 slots, 6 requests all
// finish (the first stage holds prompts until a slot frees).
func TestBackpressureMoreRequestsThanSlots(t *testing.T) {
	dir := tinyModel(t, "qwen3")
	opts := shard.Options{Slots: 2, Capacity: 64, ChunkSize: 16}
	ref := shard.Chain(runtimes(t, dir, opts))
	l := startLocal(t, runtimes(t, dir, opts, 2), HeadConfig{MaxInFlight: 6})
	rng := rand.New(rand.NewPCG(7, 8))
	var wg sync.WaitGroup
	for i := 0; i < 6; i++ {
		req := shard.Request{Prompt: randomPrompt(rng, 5+i), MaxTokens: 6}
		want, err := ref.Generate(context.Background(), req, nil)
		if err != nil {
			t.Fatal(err)
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
			defer cancel()
			events, err := l.Head.Generate(ctx, req)
			if err != nil {
				t.Error(err)
				return
			}
			got, err := Collect(events)
			if err != nil || !equalTokens(got.Tokens, want.Tokens) {
				t.Errorf("request %d: %v %v, want %v", i, got.Tokens, err, want.Tokens)
			}
		}()
	}
	wg.Wait()
	waitIdle(t, l)
}

// TestCancelFreesEverySlot: a client that goes away frees each stage's slot.
func TestCancelFreesEverySlot(t *testing.T) {
	dir := tinyModel(t, "llama")
	l := startLocal(t, runtimes(t, dir, shard.Options{Slots: 2, Capacity: 256}, 1, 3), HeadConfig{})
	ctx, cancel := context.WithCancel(context.Background())
	events, err := l.Head.Generate(ctx, shard.Request{Prompt: []int32{1, 2, 3}, MaxTokens: 200})
	if err != nil {
		t.Fatal(err)
	}
	for n := 0; n < 3; n++ {
		if ev := <-events; ev.Err != nil || ev.Final {
			t.Fatalf("event %+v", ev)
		}
	}
	for _, s := range l.Stages {
		if s.Stats().Active != 1 {
			t.Fatalf("stage holds %d requests mid-generation, want 1", s.Stats().Active)
		}
	}
	reg := prometheus.NewRegistry()
	reg.MustRegister(NewCollector(l.Stages[1], l.Nodes[1], prometheus.Labels{"stage": "1"}))
	if v := gaugeValue(t, reg, "computepool_stage_kv_slots_in_use"); v != 1 {
		t.Fatalf("slots metric %v mid-generation, want 1", v)
	}
	cancel()
	var last Event
	for ev := range events {
		last = ev
	}
	if !errors.Is(last.Err, context.Canceled) {
		t.Fatalf("last event %+v, want a cancellation", last)
	}
	waitIdle(t, l)
	if v := gaugeValue(t, reg, "computepool_stage_kv_slots_in_use"); v != 0 {
		t.Fatalf("slots metric %v after cancel, want 0", v)
	}
}

func gaugeValue(t *testing.T, reg *prometheus.Registry, name string) float64 {
	t.Helper()
	families, err := reg.Gather()
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range families {
		if f.GetName() == name {
			return f.GetMetric()[0].GetGauge().GetValue()
		}
	}
	t.Fatalf("no metric %s", name)
	return 0
}

// TestKilledStageEndsGenerationsWithinBound: a stage that stops answering
// ends in-flight generations with ErrStageDown naming it, within FailAfter
// plus a ping, and is reported to the control plane's callback.
func TestKilledStageEndsGenerationsWithinBound(t *testing.T) {
	dir := tinyModel(t, "llama")
	reported := make(chan int, 4)
	hc := HeadConfig{PingInterval: 100 * time.Millisecond, FailAfter: time.Second,
		OnStageDown: func(i int, _ axl.PeerID) { reported <- i }}
	l := startLocal(t, runtimes(t, dir, shard.Options{Slots: 2, Capacity: 4096, ChunkSize: 64}, 2), hc)
	events, err := l.Head.Generate(context.Background(), shard.Request{Prompt: []int32{1, 2, 3}, MaxTokens: 4000})
	if err != nil {
		t.Fatal(err)
	}
	<-events
	killed := time.Now()
	l.Stages[1].Close()
	l.Nodes[1].Close()
	var last Event
	for ev := range events {
		last = ev
	}
	took := time.Since(killed)
	var info *ErrorInfo
	if !errors.Is(last.Err, ErrStageDown) || !errors.As(last.Err, &info) || info.Stage != 1 || info.Peer != l.Nodes[1].ID() {
		t.Fatalf("final event %+v, want stage 1 down", last)
	}
	if took > hc.FailAfter+3*hc.PingInterval+500*time.Millisecond {
		t.Fatalf("detected after %s", took)
	}
	select {
	case i := <-reported:
		if i != 1 {
			t.Fatalf("reported stage %d", i)
		}
	case <-time.After(time.Second):
		t.Fatal("OnStageDown not called")
	}
	if _, err := l.Head.Generate(context.Background(), shard.Request{Prompt: []int32{1}, MaxTokens: 2}); !errors.Is(err, ErrStageDown) {
		t.Fatalf("new generation on a down pipeline: %v", err)
	}
}

// TestBadFramesAreCountedAndServingGoesOn: garbage, frames of the wrong
// kind, requests that cannot run, and frames from outside the pool never
// stop a stage.
func TestBadFramesAreCountedAndServingGoesOn(t *testing.T) {
	dir := tinyModel(t, "llama")
	opts := shard.Options{Slots: 2, Capacity: 64}
	l := startLocal(t, runtimes(t, dir, opts, 2), HeadConfig{})
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	head, first := l.Nodes[2], l.Nodes[0].ID()
	send := func(b []byte) {
		if err := head.Send(ctx, first, b); err != nil {
			t.Fatal(err)
		}
	}
	send([]byte("not a frame"))
	send([]byte(`{"service":"mcp"}`))
	tok := &Frame{Type: TypeHidden} // a hidden frame to the first stage
	tok.SetHidden(make([]float32, 64), 64, DTypeF32)
	send(tok.Encode())
	// A prompt longer than the context: refused with a clear error event.
	events, err := l.Head.Generate(ctx, shard.Request{Prompt: make([]int32, 60), MaxTokens: 10})
	if err != nil {
		t.Fatal(err)
	}
	_, err = Collect(events)
	var info *ErrorInfo
	if !errors.As(err, &info) || info.Code != CodeBadRequest || info.Stage != 0 {
		t.Fatalf("over-long prompt: %v", err)
	}
	// Out-of-range ids.
	events, _ = l.Head.Generate(ctx, shard.Request{Prompt: []int32{600}, MaxTokens: 2})
	if _, err := Collect(events); !errors.As(err, &info) || info.Code != CodeBadRequest {
		t.Fatalf("bad ids: %v", err)
	}
	if m := l.Stages[0].Stats().Malformed; m < 5 {
		t.Fatalf("first stage counted %d malformed frames, want >= 5", m)
	}
	// A node outside the pool reaches the stage's node, but its frames are
	// dropped there and counted.
	stranger, err := axl.New(axl.Config{Peers: l.Nodes[0].ListenAddrs()}, zap.NewNop(), nil)
	if err != nil {
		t.Fatal(err)
	}
	defer stranger.Close()
	before := l.Nodes[0].Stats().Dropped
	p := &Frame{Type: TypePrompt, Meta: []byte(`{"head":"` + string(stranger.ID()) + `","max_tokens":2}`)}
	p.SetInt32s([]int32{1, 2})
	if err := stranger.Send(ctx, first, p.Encode()); err != nil {
		t.Fatal(err)
	}
	for l.Nodes[0].Stats().Dropped == before && ctx.Err() == nil {
		time.Sleep(10 * time.Millisecond)
	}
	if l.Stages[0].Stats().Active != 0 {
		t.Fatal("a prompt from outside the pool was admitted")
	}
	// Still serving.
	res := generate(t, l.Head, shard.Request{Prompt: []int32{5, 6, 7}, MaxTokens: 3})
	if len(res.Tokens) != 3 {
		t.Fatalf("after bad frames: %v", res.Tokens)
	}
}

var testLogLevel = func() zap.AtomicLevel {
	l := zap.NewAtomicLevelAt(zap.WarnLevel)
	if s := os.Getenv("COMPUTEPOOL_TEST_LOG"); s != "" {
		l.UnmarshalText([]byte(s))
	}
	return l
}()

// TestPingRoundTripsAreMeasured: the head's pings time each stage's answer
// (the histogram the API exports as computepool_pipeline_ping_rtt_seconds).
func TestPingRoundTripsAreMeasured(t *testing.T) {
	dir := tinyModel(t, "llama")
	l := startLocal(t, runtimes(t, dir, shard.Options{Slots: 1, Capacity: 32, ChunkSize: 16}, 2), HeadConfig{PingInterval: 20 * time.Millisecond})
	deadline := time.Now().Add(10 * time.Second)
	for {
		counts := map[string]uint64{}
		ch := make(chan prometheus.Metric, 8)
		go func() { l.Head.Collector().Collect(ch); close(ch) }()
		for m := range ch {
			var d dto.Metric
			if err := m.Write(&d); err != nil {
				t.Fatal(err)
			}
			// Any duration counts (a loaded machine may answer slowly); a
			// round trip is positive.
			h := d.GetHistogram()
			if h.GetSampleCount() > 0 && h.GetSampleSum() <= 0 {
				t.Fatalf("stage %s: %d round trips summing to %v s", d.GetLabel()[0].GetValue(), h.GetSampleCount(), h.GetSampleSum())
			}
			counts[d.GetLabel()[0].GetValue()] = h.GetSampleCount()
		}
		if counts["0"] >= 3 && counts["1"] >= 3 {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("ping round trips observed per stage: %v, want ≥ 3 for stages 0 and 1", counts)
		}
		time.Sleep(20 * time.Millisecond)
	}
}
