package pipeline

import (
	"context"
	"math/rand/v2"
	"slices"
	"sync"
	"testing"
	"time"

	"go.uber.org/zap/zaptest"

	"github.com/computepool/computepool/axl"
	"github.com/computepool/computepool/sample"
	"github.com/computepool/computepool/shard"
)

// Pick is the same for every party with the same seed, samples about Rate
// of the requests, none at 0 and all at 1, depends on the seed, and puts P
// where a step ends on every stage: [promptLen-1, promptLen+maxTokens-2].
func TestVerifyPick(t *testing.T) {
	const n, L, M = 20000, 10, 5
	v := Verify{Rate: 0.1, Seed: "pool-secret"}
	other := Verify{Rate: 0.1, Seed: "another"}
	hits, same, positions := 0, 0, map[int]int{}
	for id := uint64(1); id <= n; id++ {
		p := v.Pick(id, L, M)
		if p != v.Pick(id, L, M) {
			t.Fatal("not deterministic")
		}
		if (p >= 0) == (other.Pick(id, L, M) >= 0) {
			same++
		}
		if p < 0 {
			continue
		}
		hits++
		positions[p]++
		if p < L-1 || p > L+M-2 {
			t.Fatalf("request %d sampled at %d, outside [%d, %d]", id, p, L-1, L+M-2)
		}
		if (Verify{Rate: 1}).Pick(id, L, M) < 0 {
			t.Fatal("rate 1 left a request out")
		}
	}
	if hits < n/10-300 || hits > n/10+300 {
		t.Fatalf("rate 0.1 sampled %d of %d", hits, n)
	}
	if len(positions) != M {
		t.Fatalf("positions %v: want all %d", positions, M)
	}
	if same > n*95/100 {
		t.Fatalf("another seed agrees on %d of %d decisions: the seed is not used", same, n)
	}
	for id := uint64(0); id < 1000; id++ {
		if (Verify{Rate: 0, Seed: "x"}).Pick(id, L, M) >= 0 || v.Pick(id, 0, M) >= 0 {
			t.Fatal("rate 0 or an empty prompt sampled")
		}
	}
}

type witnesses struct {
	mu   sync.Mutex
	got  []Witness
	full bool // refuse (a full queue)
}

func (w *witnesses) report(x Witness) bool {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.full {
		return false
	}
	w.got = append(w.got, x)
	return true
}

func (w *witnesses) all() []Witness {
	w.mu.Lock()
	defer w.mu.Unlock()
	return slices.Clone(w.got)
}

func rows(from, n, width int) []float32 {
	v := make([]float32, n*width)
	for i := range v {
		v[i] = float32(from*width + i)
	}
	return v
}

// The book records a sampled request's rows as prefill chunks and decode
// steps arrive, reports exactly rows 0..P once, holds no more than
// MaxRequests, abandons a request whose rows skip, counts a refused record
// as dropped, and forgets a request when it ends.
func TestWitnessBook(t *testing.T) {
	var sink witnesses
	b := newWitnessBook(Verify{Rate: 1, Report: sink.report, MaxRequests: 2})
	spec := &Spec{Prompt: make([]int32, 7)}
	const w = 3
	peer := axl.PeerID("peer")
	k := witnessKey{req: 1}
	// Prompt of 7 in chunks of 3, then decode: sampled at P = 8.
	b.add(k, 8, spec, peer, 0, w, rows(0, 3, w), DTypeF32)
	b.add(k, 8, spec, peer, 3, w, rows(3, 3, w), DTypeF32)
	b.add(k, 8, spec, peer, 6, w, rows(6, 1, w), DTypeF32)
	b.add(k, 8, spec, peer, 7, w, rows(7, 1, w), DTypeF32)
	if len(sink.all()) != 0 {
		t.Fatal("reported before P")
	}
	b.add(k, 8, spec, peer, 8, w, rows(8, 1, w), DTypeF32)
	b.add(k, 8, spec, peer, 9, w, rows(9, 1, w), DTypeF32) // after P: ignored
	got := sink.all()
	if len(got) != 1 || got[0].Position != 8 || got[0].PromptLen != 7 || got[0].Accused != peer || got[0].Input || got[0].Width != w {
		t.Fatalf("records %+v", got)
	}
	if !slices.Equal(got[0].Data, rows(0, 9, w)) {
		t.Fatalf("rows 0..8: %v", got[0].Data)
	}
	// A prompt chunk that ends past P is cut at P.
	k2 := witnessKey{req: 2, input: true}
	b.add(k2, 1, spec, peer, 0, w, rows(0, 3, w), DTypeF32)
	if got = sink.all(); len(got) != 2 || !got[1].Input || !slices.Equal(got[1].Data, rows(0, 2, w)) {
		t.Fatalf("cut chunk: %+v", got[1:])
	}
	// Two held: a third sampled request is skipped, not recorded.
	b.add(witnessKey{req: 3}, 5, spec, peer, 0, w, rows(0, 1, w), DTypeF32)
	if b.held() != 2 || b.stats().Skipped != 1 {
		t.Fatalf("held %d, stats %+v", b.held(), b.stats())
	}
	b.end(1)
	b.end(2)
	if b.held() != 0 {
		t.Fatalf("held %d after the requests ended", b.held())
	}
	// A gap abandons the record; a frame that joins late starts nothing.
	k4 := witnessKey{req: 4}
	b.add(k4, 5, spec, peer, 0, w, rows(0, 2, w), DTypeF32)
	b.add(k4, 5, spec, peer, 3, w, rows(3, 3, w), DTypeF32)
	b.add(witnessKey{req: 5}, 5, spec, peer, 4, w, rows(4, 1, w), DTypeF32)
	if len(sink.all()) != 2 || b.stats().Skipped != 2 || b.held() != 1 {
		t.Fatalf("after a gap: %d records, stats %+v, held %d", len(sink.all()), b.stats(), b.held())
	}
	// A full queue: counted as dropped.
	sink.full = true
	b.add(witnessKey{req: 6}, 0, spec, peer, 0, w, rows(0, 1, w), DTypeF32)
	if s := b.stats(); s.Sampled != 3 || s.Dropped != 1 {
		t.Fatalf("stats %+v", s)
	}
	if newWitnessBook(Verify{Rate: 0, Report: sink.report}) != nil || newWitnessBook(Verify{Rate: 1}) != nil {
		t.Fatal("sampling off, or nowhere to report: no book")
	}
}

// Through a real 3-stage pipeline with rate 1 and prefill in chunks: every
// stage is witnessed by its neighbours at the same position — its input by
// the party before it, its output by the party after it — and the records
// fit together (what stage k sent is what stage k+1 received; the head's
// ids are the prompt and the tokens; its token is the one generated after
// P). Nothing is held once the requests end.
func TestWitnessesThroughPipeline(t *testing.T) {
	dir := tinyModel(t, "llama")
	rts := runtimes(t, dir, shard.Options{Slots: 4, Capacity: 64, ChunkSize: 4}, 2, 4)
	var sink witnesses
	v := Verify{Rate: 1, Seed: "s", Report: sink.report}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	l, err := StartLocal(ctx, rts, LocalOptions{Head: HeadConfig{Verify: v}, Stage: func(_ int, c *StageConfig) { c.Verify = v }},
		zaptest.NewLogger(t, zaptest.Level(testLogLevel)))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(l.Close)
	rng := rand.New(rand.NewPCG(3, 4))
	prompt := randomPrompt(rng, 10)
	const maxTokens = 6
	res := generate(t, l.Head, shard.Request{Prompt: prompt, MaxTokens: maxTokens, Sampling: sample.Params{Temperature: 0.8, Seed: 5}})
	if len(res.Tokens) != maxTokens {
		t.Fatalf("%d tokens", len(res.Tokens))
	}
	var got []Witness
	deadline := time.Now().Add(10 * time.Second)
	for len(got) < 6 && time.Now().Before(deadline) { // 3 stages × (input, output)
		time.Sleep(10 * time.Millisecond)
		got = sink.all()
	}
	if len(got) != 6 {
		t.Fatalf("%d witness records, want 6: %+v", len(got), got)
	}
	P := got[0].Position
	ids := append(slices.Clone(prompt), res.Tokens...)
	peers := l.Head.cfg.Stages
	find := func(accused axl.PeerID, input bool) Witness {
		t.Helper()
		for _, w := range got {
			if w.Accused == accused && w.Input == input {
				if w.Position != P || w.PromptLen != len(prompt) {
					t.Fatalf("record %+v: want position %d, prompt %d", w, P, len(prompt))
				}
				return w
			}
		}
		t.Fatalf("no %v record of %s", input, accused.Short())
		return Witness{}
	}
	in0 := find(peers[0], true)
	want := make([]float32, P+1)
	for i := range want {
		want[i] = float32(ids[i])
	}
	if in0.Width != 0 || !slices.Equal(in0.Data, want) {
		t.Fatalf("stage 0 input %v, want ids %v", in0.Data, want)
	}
	width := rts[0].Model.Config.HiddenSize
	for k := 0; k < 2; k++ {
		out, in := find(peers[k], false), find(peers[k+1], true)
		if out.Width != width || len(out.Data) != (P+1)*width || !slices.Equal(out.Data, in.Data) {
			t.Fatalf("stage %d's output as stage %d received it differs from stage %d's input as it was sent", k, k+1, k+1)
		}
	}
	last := find(peers[2], false)
	if last.Width != 0 || !slices.Equal(last.Data, []float32{float32(ids[P+1])}) || !slices.Equal(last.Context, ids[:P+1]) ||
		last.Sampling == nil || last.Sampling.Seed != 5 {
		t.Fatalf("last stage's output record %+v: want token %d after %v", last, ids[P+1], ids[:P+1])
	}
	waitIdle(t, l)
	for i, st := range l.Stages {
		if n := st.witness.held(); n != 0 {
			t.Fatalf("stage %d holds %d records after the request ended", i, n)
		}
	}
	l.Head.mu.Lock()
	defer l.Head.mu.Unlock()
	if l.Head.verifying != 0 {
		t.Fatalf("head holds %d records", l.Head.verifying)
	}
}
